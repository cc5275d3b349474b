using System;
using System.Threading.Tasks;
using EscFirmware.FakeBmc.Hosting;
using EscFirmware.FakeBmc.Redfish;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Personas;

/// <summary>
/// Authentication of the generic DMTF and iLO personas: <c>X-Auth-Token</c> or HTTP Basic on everything under
/// <c>/redfish/v1</c>, the service root open to anonymous reads unless <see cref="DmtfPersonaOptions.AnonymousServiceRootStatus"/>
/// says otherwise, and the session login itself handled by <see cref="PersonaSessionEndpoints"/>.
/// </summary>
internal static class DmtfAuthMiddleware
{
    public static IApplicationBuilder UsePersonaAuth(this IApplicationBuilder app, FakeBmcOptions options, FakeBmcState state) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var path = request.Path.Value ?? "";
            if (!request.Path.StartsWithSegments("/redfish/v1") || IsSessionLogin(request))
            {
                await next(context);
                return;
            }
            var isRoot = path.TrimEnd('/').Equals("/redfish/v1", StringComparison.OrdinalIgnoreCase);
            if (request.Headers.TryGetValue("X-Auth-Token", out var token))
            {
                if (state.RedfishSessions.FindByToken(token.ToString()) is { } session)
                {
                    AuthMarker.Set(context, RequestAuth.Token, session);
                    await next(context);
                    return;
                }
            }
            else if (BasicCredentials.Match(request, options.UserName, state.RedfishUpdate.Password))
            {
                AuthMarker.Set(context, RequestAuth.Basic);
                await next(context);
                return;
            }
            else if (isRoot && options.Dmtf.AnonymousServiceRootStatus == 0)
            {
                await next(context);
                return;
            }
            if (isRoot && options.Dmtf.AnonymousServiceRootStatus == StatusCodes.Status400BadRequest && !request.Headers.ContainsKey("X-Auth-Token"))
            {
                await RedfishError.Result(StatusCodes.Status400BadRequest, "Base.1.12.GeneralError", "Authentication required.").ExecuteAsync(context);
                return;
            }
            if (options.Dmtf.SessionLogin == DmtfSessionLogin.Absent || options.Dmtf.SessionLogin == DmtfSessionLogin.BasicOnSessionPost)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Redfish\"";
            }
            await RedfishError.NoValidSession().ExecuteAsync(context);
        });

    /// <summary>The login POST passes unauthenticated: <see cref="PersonaSessionEndpoints"/> checks its credentials, or,
    /// without a SessionService, it finds nothing there (404).</summary>
    private static bool IsSessionLogin(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Value ?? "").TrimEnd('/').Equals(PersonaLayout.SessionsPath, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>/redfish/v1</c> answers 308 to <c>/redfish/v1/</c> (<see cref="DmtfPersonaOptions.RedirectServiceRoot"/>).</summary>
    public static IApplicationBuilder UseServiceRootRedirect(this IApplicationBuilder app, FakeBmcOptions options) =>
        !options.Dmtf.RedirectServiceRoot
            ? app
            : app.Use((context, next) =>
            {
                if (context.Request.Path.Value == "/redfish/v1")
                {
                    context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
                    context.Response.Headers.Location = "/redfish/v1/";
                    return Task.CompletedTask;
                }
                return next(context);
            });
}
