using System;
using EscFirmware.FakeBmc.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Redfish;

/// <summary>Everything under <c>/redfish/v1</c> but the service root and the session login needs HTTP Basic or
/// <c>X-Auth-Token</c> (spec a.6: ASMB12 accepts both; <see cref="FakeBmcOptions.BasicAuth"/> turns Basic off).</summary>
internal static class RedfishAuthMiddleware
{
    public static IApplicationBuilder UseRedfishAuth(this IApplicationBuilder app, FakeBmcOptions options, FakeBmcState state) =>
        app.Use(async (context, next) =>
        {
            if (!NeedsAuth(context.Request))
            {
                await next(context);
                return;
            }
            if (context.Request.Headers.TryGetValue("X-Auth-Token", out var token))
            {
                var session = state.RedfishSessions.FindByToken(token.ToString());
                if (session is not null)
                {
                    AuthMarker.Set(context, RequestAuth.Token, session);
                    await next(context);
                    return;
                }
            }
            else if (options.BasicAuth && BasicCredentials.Match(context.Request, options.UserName, state.RedfishUpdate.Password))
            {
                AuthMarker.Set(context, RequestAuth.Basic);
                await next(context);
                return;
            }
            // RFC 7235: a 401 names the schemes the service takes; a service without Basic does not offer it.
            if (options.BasicAuth) context.Response.Headers.WWWAuthenticate = "Basic realm=\"Redfish\"";
            await RedfishError.NoValidSession().ExecuteAsync(context);
        });

    private static bool NeedsAuth(HttpRequest request)
    {
        var path = request.Path.Value?.TrimEnd('/') ?? "";
        if (!request.Path.StartsWithSegments("/redfish/v1") || path.Equals("/redfish/v1", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return !(HttpMethods.IsPost(request.Method)
                 && path.Equals(SessionServiceEndpoints.SessionsPath, StringComparison.OrdinalIgnoreCase));
    }
}
