using System.Linq;
using System.Text.Json.Nodes;
using EscFirmware.FakeBmc.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Redfish;

internal static class SessionServiceEndpoints
{
    public const string SessionsPath = "/redfish/v1/SessionService/Sessions";

    public static IEndpointRouteBuilder MapSessionService(this IEndpointRouteBuilder routes, FakeBmcOptions options, FakeBmcState state)
    {
        routes.MapGet("/redfish/v1/SessionService", () => Results.Json(new JsonObject
        {
            ["@odata.id"] = "/redfish/v1/SessionService",
            ["@odata.type"] = "#SessionService.v1_1_8.SessionService",
            ["Id"] = "SessionService",
            ["Name"] = "Session Service",
            ["ServiceEnabled"] = true,
            ["SessionTimeout"] = 1800,
            ["Sessions"] = RedfishJson.Link(SessionsPath),
        }));

        routes.MapGet(SessionsPath, () => Results.Json(RedfishJson.Collection(
            SessionsPath, "#SessionCollection.SessionCollection", "Session Collection",
            state.RedfishSessions.All().Select(s => $"{SessionsPath}/{s.Id}"))));

        routes.MapPost(SessionsPath, async (HttpContext context) =>
        {
            var body = await RequestBody.ReadObjectAsync(context.Request);
            if (body is null)
            {
                return RedfishError.MalformedJson();
            }
            var user = (body["UserName"] as JsonValue)?.TryGetValue(out string? u) == true ? u : null;
            var password = (body["Password"] as JsonValue)?.TryGetValue(out string? p) == true ? p : null;
            if (user != options.UserName || !SecretText.Matches(state.RedfishUpdate.Password, password))
            {
                return RedfishError.NoValidSession();
            }
            var session = state.RedfishSessions.Create(user);
            context.Response.Headers["X-Auth-Token"] = session.Token;
            return Results.Json(Session(session), statusCode: StatusCodes.Status201Created)
                .WithLocation($"{SessionsPath}/{session.Id}");
        });

        routes.MapGet(SessionsPath + "/{id}", (string id, HttpContext context) =>
            state.RedfishSessions.Find(id) is { } session ? Results.Json(Session(session)) : RedfishError.NotFound(context));

        routes.MapDelete(SessionsPath + "/{id}", (string id, HttpContext context) =>
        {
            var session = state.RedfishSessions.Find(id);
            if (session is null)
            {
                return RedfishError.NotFound(context);
            }
            // A token may only close its own session; Basic auth (the account itself) may close any.
            var caller = AuthMarker.Session<RedfishSession>(context);
            if (AuthMarker.Get(context) == RequestAuth.Token && caller?.Id != session.Id)
            {
                return RedfishError.Result(StatusCodes.Status403Forbidden, "Base.1.12.InsufficientPrivilege",
                    "There are insufficient privileges for the account or credentials associated with the current session to perform the requested operation.");
            }
            state.RedfishSessions.Remove(id);
            return Results.NoContent();
        });
        return routes;
    }

    private static JsonObject Session(RedfishSession session) => new()
    {
        ["@odata.id"] = $"{SessionsPath}/{session.Id}",
        ["@odata.type"] = "#Session.v1_3_0.Session",
        ["Id"] = session.Id,
        ["Name"] = "User Session",
        ["UserName"] = session.UserName,
    };
}
