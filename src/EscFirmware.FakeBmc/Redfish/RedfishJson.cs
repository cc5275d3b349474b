using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace EscFirmware.FakeBmc.Redfish;

internal static class RedfishJson
{
    public static JsonObject Link(string odataId) => new() { ["@odata.id"] = odataId };

    public static JsonObject Collection(string odataId, string odataType, string name, IEnumerable<string> memberIds)
    {
        var members = new JsonArray(memberIds.Select(id => (JsonNode)Link(id)).ToArray());
        return new JsonObject
        {
            ["@odata.id"] = odataId,
            ["@odata.type"] = odataType,
            ["Name"] = name,
            ["Members@odata.count"] = members.Count,
            ["Members"] = members,
        };
    }

    public static JsonObject ResetActionInfo(string odataId, IEnumerable<string> allowed) => new()
    {
        ["@odata.id"] = odataId,
        ["@odata.type"] = "#ActionInfo.v1_1_2.ActionInfo",
        ["Id"] = "ResetActionInfo",
        ["Name"] = "Reset Action Info",
        ["Parameters"] = new JsonArray(new JsonObject
        {
            ["Name"] = "ResetType",
            ["Required"] = true,
            ["DataType"] = "String",
            ["AllowableValues"] = new JsonArray(allowed.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
        }),
    };
}
