using System.Text.Json.Nodes;
using EscFirmware.FakeBmc.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Web;

/// <summary>Form login and logout (spec a.1).</summary>
internal static class WebSessionEndpoints
{
    public const string SessionPath = "/api/session";

    public static IEndpointRouteBuilder MapWebSession(this IEndpointRouteBuilder routes, FakeBmcOptions options, FakeBmcState state)
    {
        routes.MapPost(SessionPath, async (HttpContext context) =>
        {
            // Form only: a JSON body carries no form fields, so it fails like a wrong password.
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
            var user = form?["username"].ToString();
            var password = form?["password"].ToString();
            if (state.UpdateModeId is not null)
            {
                return WebError.Unauthorized("Could not login", WebError.UpdateInProgress);
            }
            if (user != options.UserName || !SecretText.Matches(state.RedfishUpdate.Password, password))
            {
                return WebError.Unauthorized("Invalid credentials", WebError.BadCredentials);
            }
            var session = state.WebSessions.TryCreate(
                user, options.MaxWebSessions, options.Timings.WebSessionIdleTimeout, options.Faults.SecondWebLoginEvictsFirst);
            if (session is null)
            {
                return WebError.Unauthorized("Maximum number of sessions already in use", WebError.SessionTableFull);
            }
            context.Response.Cookies.Append(WebAuthMiddleware.CookieName, session.Cookie, new CookieOptions
            {
                Path = "/",
                Secure = true,
                HttpOnly = true,
            });
            var connection = context.Connection;
            return Results.Json(new JsonObject
            {
                ["ok"] = 0,
                ["privilege"] = 4,
                ["extendedpriv"] = 259,
                ["racsession_id"] = session.Id,
                ["remote_addr"] = connection.RemoteIpAddress?.ToString(),
                ["server_name"] = context.Request.Host.Host,
                ["server_addr"] = connection.LocalIpAddress?.ToString(),
                ["HTTPSEnabled"] = 1,
                ["CSRFToken"] = session.CsrfToken,
                ["channel"] = 1,
                ["passwordStatus"] = 0,
            });
        });

        routes.MapDelete(SessionPath, (HttpContext context) =>
        {
            state.WebSessions.Remove(AuthMarker.Session<WebSession>(context)!);
            context.Response.Cookies.Delete(WebAuthMiddleware.CookieName);
            return Results.Json(new JsonObject());
        });
        return routes;
    }
}
