using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Redfish;

/// <summary>The standard Redfish error body: <c>{"error":{code,message,@Message.ExtendedInfo:[{MessageId,Message}]}}</c>.</summary>
internal static class RedfishError
{
    public static IResult Result(int status, string messageId, string message) =>
        Results.Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "Base.1.12.GeneralError",
                ["message"] = message,
                ["@Message.ExtendedInfo"] = new JsonArray(new JsonObject
                {
                    ["@odata.type"] = "#Message.v1_1_1.Message",
                    ["MessageId"] = messageId,
                    ["Message"] = message,
                    ["Severity"] = "Critical",
                }),
            },
        }, statusCode: status);

    public static IResult NotFound(HttpContext context) =>
        Result(StatusCodes.Status404NotFound, "Base.1.12.ResourceMissingAtURI",
            $"The resource at the URI {context.Request.Path} was not found.");

    public static IResult NoValidSession() =>
        Result(StatusCodes.Status401Unauthorized, "Base.1.12.NoValidSession",
            "There is no valid session established with the implementation.");

    public static IResult MalformedJson() =>
        Result(StatusCodes.Status400BadRequest, "Base.1.12.MalformedJSON",
            "The request body submitted was malformed JSON and could not be parsed by the receiving service.");
}
