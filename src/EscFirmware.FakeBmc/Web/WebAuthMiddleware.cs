using System;
using EscFirmware.FakeBmc.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Web;

/// <summary>Every <c>/api</c> call but the login needs the <c>QSESSIONID</c> cookie and the matching
/// <c>X-CSRFTOKEN</c> header (spec a.1; any other spelling of the header is "Invalid Authentication").</summary>
internal static class WebAuthMiddleware
{
    public const string CookieName = "QSESSIONID";
    public const string CsrfHeader = "X-CSRFTOKEN";

    public static IApplicationBuilder UseWebAuth(this IApplicationBuilder app, FakeBmcOptions options, FakeBmcState state) =>
        app.Use(async (context, next) =>
        {
            if (!NeedsAuth(context.Request))
            {
                await next(context);
                return;
            }
            var cookie = context.Request.Cookies[CookieName];
            var csrf = context.Request.Headers[CsrfHeader].ToString();
            var session = cookie is null
                ? null
                : state.WebSessions.Authenticate(cookie, csrf, options.Timings.WebSessionIdleTimeout);
            if (session is null)
            {
                await WebError.Unauthorized("Invalid Authentication", WebError.InvalidAuthentication).ExecuteAsync(context);
                return;
            }
            AuthMarker.Set(context, RequestAuth.WebSession, session);
            await next(context);
        });

    private static bool NeedsAuth(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsPost(request.Method)
             && request.Path.Value!.TrimEnd('/').Equals(WebSessionEndpoints.SessionPath, StringComparison.OrdinalIgnoreCase));
}
