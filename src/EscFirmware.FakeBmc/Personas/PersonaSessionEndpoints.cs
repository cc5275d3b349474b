using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.FakeBmc.Hosting;
using EscFirmware.FakeBmc.Redfish;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Personas;

/// <summary>The SessionService of the non-AMI personas, in the shapes of <see cref="DmtfSessionLogin"/> (absent: not mapped at all).</summary>
internal static class PersonaSessionEndpoints
{
    public static IEndpointRouteBuilder MapPersonaSessions(this IEndpointRouteBuilder routes, FakeBmcOptions options, FakeBmcState state, TimeProvider clock)
    {
        var login = options.Dmtf.SessionLogin;
        if (login == DmtfSessionLogin.Absent) return routes;
        const string sessions = PersonaLayout.SessionsPath;

        routes.MapGet("/redfish/v1/SessionService", () => Results.Json(new JsonObject
        {
            ["@odata.id"] = "/redfish/v1/SessionService",
            ["@odata.type"] = "#SessionService.v1_1_8.SessionService",
            ["Id"] = "SessionService",
            ["Name"] = "Session Service",
            ["ServiceEnabled"] = true,
            ["SessionTimeout"] = 1800,
            ["Sessions"] = RedfishJson.Link(sessions),
        }));
        routes.MapGet(sessions, () => Results.Json(RedfishJson.Collection(sessions, "#SessionCollection.SessionCollection", "Session Collection",
            state.RedfishSessions.All().Select(s => $"{sessions}/{s.Id}"))));

        routes.MapPost(sessions, async (HttpContext context) =>
        {
            string? user;
            if (login == DmtfSessionLogin.BasicOnSessionPost)
            {
                // This service reads the credentials only from the Authorization header; the body is ignored.
                if (!BasicCredentials.Match(context.Request, options.UserName, state.RedfishUpdate.Password))
                {
                    context.Response.Headers.WWWAuthenticate = "Basic realm=\"Redfish\"";
                    return RedfishError.NoValidSession();
                }
                user = options.UserName;
            }
            else
            {
                var body = await RequestBody.ReadObjectAsync(context.Request);
                if (body is null) return RedfishError.MalformedJson();
                user = (body["UserName"] as JsonValue)?.TryGetValue(out string? u) == true ? u : null;
                var password = (body["Password"] as JsonValue)?.TryGetValue(out string? p) == true ? p : null;
                if (user != options.UserName || !SecretText.Matches(state.RedfishUpdate.Password, password)) return RedfishError.NoValidSession();
            }
            var session = state.RedfishSessions.Create(user!);
            ExpireLater(state, session.Id, options.Dmtf.SessionLifetime, clock);
            context.Response.Headers["X-Auth-Token"] = session.Token;
            var location = $"{sessions}/{session.Id}";
            return login switch
            {
                DmtfSessionLogin.NoContent => Results.NoContent().WithLocation(location),
                DmtfSessionLogin.BasicOnSessionPost => Results.Json(new JsonObject { ["Name"] = "User Session", ["UserName"] = user }),
                _ => Results.Json(new JsonObject
                {
                    ["@odata.id"] = location,
                    ["@odata.type"] = "#Session.v1_3_0.Session",
                    ["Id"] = session.Id,
                    ["UserName"] = user,
                }, statusCode: StatusCodes.Status201Created).WithLocation(location),
            };
        });

        routes.MapGet(sessions + "/{id}", (string id, HttpContext context) => state.RedfishSessions.Find(id) is { } s
            ? Results.Json(new JsonObject { ["@odata.id"] = $"{sessions}/{s.Id}", ["Id"] = s.Id, ["UserName"] = s.UserName })
            : RedfishError.NotFound(context));
        routes.MapDelete(sessions + "/{id}", (string id, HttpContext context) =>
            state.RedfishSessions.Remove(id) ? Results.NoContent() : RedfishError.NotFound(context));
        return routes;
    }

    private static void ExpireLater(FakeBmcState state, string id, TimeSpan? lifetime, TimeProvider clock)
    {
        if (lifetime is not { } after) return;
        _ = Task.Delay(after, clock, CancellationToken.None).ContinueWith(_ => state.RedfishSessions.Remove(id), TaskScheduler.Default);
    }
}
