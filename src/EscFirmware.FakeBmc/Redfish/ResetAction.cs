using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Redfish;

/// <summary>Reads and checks <c>ResetType</c> for the Manager and ComputerSystem reset actions.</summary>
internal static class ResetAction
{
    /// <summary>The ResetType, or an error result when it is missing or not allowed.</summary>
    public static async Task<(string? ResetType, IResult? Error)> ReadAsync(HttpRequest request, IReadOnlyList<string> allowed)
    {
        var body = await RequestBody.ReadObjectAsync(request);
        if (body is null)
        {
            return (null, RedfishError.MalformedJson());
        }
        var resetType = (body["ResetType"] as JsonValue)?.TryGetValue(out string? t) == true ? t : null;
        if (resetType is null)
        {
            return (null, RedfishError.Result(StatusCodes.Status400BadRequest, "Base.1.12.ActionParameterMissing",
                "The action requires the parameter ResetType to be present in the request body."));
        }
        if (!allowed.Contains(resetType))
        {
            return (null, RedfishError.Result(StatusCodes.Status400BadRequest, "Base.1.12.ActionParameterNotSupported",
                $"The parameter ResetType value '{resetType}' is not supported; allowed: {string.Join(", ", allowed)}."));
        }
        return (resetType, null);
    }

    public static JsonObject Actions(string name, string resourcePath) => new()
    {
        [$"#{name}"] = new JsonObject
        {
            ["target"] = $"{resourcePath}/Actions/{name}",
            ["@Redfish.ActionInfo"] = $"{resourcePath}/ResetActionInfo",
        },
    };
}
