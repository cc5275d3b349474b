using System;
using EscFirmware.FakeBmc.Redfish;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Web;

/// <summary>The ESC8000's answer to login bursts (spec a.1, c; SM-TUNE): past the limit every authentication attempt
/// is refused for the lockout window — web login 401 code 1012, Redfish 401 <c>Base.1.12.AccessDenied</c>.
/// Sessions opened before keep working.</summary>
internal static class AuthLockoutMiddleware
{
    // ASUS-CONFIRMED: spec c, web login code after request bursts.
    public const int AuthLockout = 1012;

    public static IApplicationBuilder UseAuthLockout(this IApplicationBuilder app, FakeBmcState state) =>
        app.Use(async (context, next) =>
        {
            if (!IsAuthenticationAttempt(context.Request) || state.Recovery.TryAuthenticate())
            {
                await next(context);
                return;
            }
            var refusal = context.Request.Path.StartsWithSegments("/redfish")
                ? RedfishError.Result(StatusCodes.Status401Unauthorized, "Base.1.12.AccessDenied",
                    "While attempting to establish a connection to the service, authentication was denied.")
                : WebError.Unauthorized("Could not login", AuthLockout);
            await refusal.ExecuteAsync(context);
        });

    private static bool IsAuthenticationAttempt(HttpRequest request)
    {
        var path = request.Path.Value?.TrimEnd('/') ?? "";
        if (HttpMethods.IsPost(request.Method)
            && (path.Equals(WebSessionEndpoints.SessionPath, StringComparison.OrdinalIgnoreCase)
                || path.Equals(SessionServiceEndpoints.SessionsPath, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        return request.Path.StartsWithSegments("/redfish")
               && request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
    }
}
