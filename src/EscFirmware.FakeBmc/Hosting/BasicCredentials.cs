using System;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Hosting;

/// <summary>Checks an HTTP Basic <c>Authorization</c> header against the account.</summary>
internal static class BasicCredentials
{
    public static bool Match(HttpRequest request, string userName, string password)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':');
        return colon > 0 && decoded[..colon] == userName && SecretText.Matches(password, decoded[(colon + 1)..]);
    }
}
