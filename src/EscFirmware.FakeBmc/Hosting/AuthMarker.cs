using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Hosting;

/// <summary>Carries how the current request authenticated from the auth middleware to the request log and handlers.</summary>
internal static class AuthMarker
{
    private const string AuthKey = "EscFirmware.FakeBmc.Auth";
    private const string SessionKey = "EscFirmware.FakeBmc.Session";

    public static void Set(HttpContext context, RequestAuth auth, object? session = null)
    {
        context.Items[AuthKey] = auth;
        context.Items[SessionKey] = session;
    }

    public static RequestAuth Get(HttpContext context) =>
        context.Items.TryGetValue(AuthKey, out var value) && value is RequestAuth auth ? auth : RequestAuth.None;

    public static T? Session<T>(HttpContext context) where T : class =>
        context.Items.TryGetValue(SessionKey, out var value) ? value as T : null;
}
