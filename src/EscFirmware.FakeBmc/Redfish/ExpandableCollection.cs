using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Redfish;

/// <summary>A collection GET answered as <see cref="FakeBmcOptions.ExpandQuery"/> says: links only, members in place
/// for <c>$expand</c> one level down, or 501 for the query.</summary>
internal static class ExpandableCollection
{
    private static readonly string[] OneLevel = [".", "*", ".($levels=1)", "*($levels=1)"];

    public static IResult Answer(HttpRequest request, FakeBmcOptions options, string odataId, string odataType, string name,
        IReadOnlyList<(string Id, Func<JsonObject> Body)> members)
    {
        var links = RedfishJson.Collection(odataId, odataType, name, members.Select(m => m.Id));
        if (!request.Query.TryGetValue("$expand", out var expand) || options.ExpandQuery == ExpandQuery.Ignored) return Results.Json(links);
        if (options.ExpandQuery == ExpandQuery.Rejected)
        {
            return RedfishError.Result(StatusCodes.Status501NotImplemented, "Base.1.12.QueryNotSupported", "Querying is not supported by the implementation.");
        }
        if (!OneLevel.Contains(expand.ToString(), StringComparer.Ordinal))
        {
            return RedfishError.Result(StatusCodes.Status400BadRequest, "Base.1.12.QueryParameterValueFormatError",
                $"The value '{expand}' for the parameter $expand is of a different format than the parameter can accept.");
        }
        links["Members"] = new JsonArray(members.Select(m => (JsonNode)m.Body()).ToArray());
        return Results.Json(links);
    }

    /// <summary>The service root's <c>ProtocolFeaturesSupported</c>: what <see cref="FakeBmcOptions.ExpandQuery"/> advertises.</summary>
    public static JsonObject ProtocolFeatures(FakeBmcOptions options)
    {
        var supported = options.ExpandQuery == ExpandQuery.Supported;
        return new JsonObject
        {
            ["ExpandQuery"] = new JsonObject
            {
                ["ExpandAll"] = supported,
                ["Levels"] = supported,
                ["Links"] = supported,
                ["NoLinks"] = supported,
                ["MaxLevels"] = supported ? 1 : 0,
            },
            ["FilterQuery"] = false,
            ["SelectQuery"] = false,
        };
    }
}
