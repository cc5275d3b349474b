using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Redfish;

/// <summary>The Manager and ComputerSystem reset actions: their ActionInfo and the POST that checks <c>ResetType</c>.</summary>
internal static class ResetAction
{
    /// <summary>Maps <c>{resource}/ResetActionInfo</c> and <c>{resource}/Actions/{name}</c>; a valid reset calls
    /// <paramref name="apply"/> and answers 204.</summary>
    public static void MapResetAction(this IEndpointRouteBuilder routes, string resourcePath, string name,
        IReadOnlyList<string> allowed, Action<HttpContext, string> apply)
    {
        routes.MapGet(resourcePath + "/ResetActionInfo", () =>
            Results.Json(RedfishJson.ResetActionInfo(resourcePath + "/ResetActionInfo", allowed)));
        routes.MapPost($"{resourcePath}/Actions/{name}", async (HttpContext context) =>
        {
            var (resetType, error) = await ReadAsync(context.Request, allowed);
            if (error is not null)
            {
                return error;
            }
            apply(context, resetType!);
            return Results.NoContent();
        });
    }

    private static async Task<(string? ResetType, IResult? Error)> ReadAsync(HttpRequest request, IReadOnlyList<string> allowed)
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
