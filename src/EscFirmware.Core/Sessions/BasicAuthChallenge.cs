using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using EscFirmware.Core.Targets;
using RestSharp;

namespace EscFirmware.Core.Sessions
{
    /// <summary>HTTP Basic as RFC 7617 has it: the header value, and whether a 401 asks for it (<c>WWW-Authenticate: Basic</c>).</summary>
    internal static class BasicAuthChallenge
    {
        public static string Header(BmcCredential credential) =>
            "Basic " + credential.UsePassword(password => Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.UserName + ":" + password)));

        /// <summary>A 401 whose <c>WWW-Authenticate</c> offers the Basic scheme: the service wants Basic credentials.</summary>
        public static bool IsChallenge(RestResponse response) =>
            response.StatusCode == HttpStatusCode.Unauthorized
            && (response.Headers ?? Array.Empty<HeaderParameter>()).Any(h =>
                string.Equals(h.Name, "WWW-Authenticate", StringComparison.OrdinalIgnoreCase) && h.Value is string value && Scheme.IsMatch(value));

        private static readonly Regex Scheme = new Regex(@"(^|,)\s*Basic(\s|,|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
