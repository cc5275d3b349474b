using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Transport;
using RestSharp;

namespace EscFirmware.Core.Redfish
{
    /// <summary>Names what a server answered instead of Redfish JSON, in words an admin recognises.</summary>
    internal static class NotRedfishService
    {
        public const string ErrorId = "EscNotRedfishService";
        public const string OtherJson = "JSON that is not a Redfish service root";

        /// <summary>True for a body a JSON parser would choke on (a web page, plain text); false for JSON or nothing.</summary>
        public static bool IsNotJson(string? content)
        {
            var text = (content ?? string.Empty).TrimStart();
            return text.Length > 0 && !text.StartsWith("{", StringComparison.Ordinal) && !text.StartsWith("[", StringComparison.Ordinal);
        }

        public static string Describe(string? content)
        {
            var text = (content ?? string.Empty).TrimStart();
            if (text.Length == 0) return "an empty answer";
            if (text.StartsWith("<", StringComparison.Ordinal))
            {
                return text.IndexOf("<html", StringComparison.OrdinalIgnoreCase) >= 0 || text.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
                    ? "an HTML page"
                    : "an XML or HTML document";
            }
            if (text.StartsWith("{", StringComparison.Ordinal) || text.StartsWith("[", StringComparison.Ordinal)) return "JSON that is not a Redfish resource";
            return "text that is not JSON";
        }

        /// <summary>A Redfish service root names its version or links the Redfish collections.</summary>
        public static bool IsServiceRoot(JsonElement root) =>
            root.ValueKind == JsonValueKind.Object
            && (root.TryGetProperty("RedfishVersion", out _) || root.TryGetProperty("@odata.id", out _) || root.TryGetProperty("Managers", out _));

        /// <summary>What a 2xx answer to <c>GET /redfish/v1</c> is when it is not a Redfish service root; null when it is one.</summary>
        public static string? NotServiceRoot(string? content)
        {
            if (IsNotJson(content) || string.IsNullOrWhiteSpace(content)) return Describe(content);
            try
            {
                using (var document = JsonDocument.Parse(content!))
                {
                    return IsServiceRoot(document.RootElement) ? null : OtherJson;
                }
            }
            catch (JsonException)
            {
                return Describe(content);
            }
        }

        /// <summary>
        /// After an answer no Redfish service gives (a login without a token, a "collection" without members): reads the
        /// service root once, without credentials, and returns the refusal that names what answers there, or null when it
        /// is a Redfish service root (or cannot be read anonymously: then the caller's own error stands).
        /// </summary>
        public static async Task<EscFirmwareException?> RefusalAsync(BmcConnection connection, CancellationToken cancellationToken)
        {
            var response = await connection.ReadAsync(() => new RestRequest(ServiceUris.Root, Method.Get), "GET " + ServiceUris.Root, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return null;
            var found = NotServiceRoot(response.Content);
            return found == null ? null : RedfishResource.NotRedfish(connection.Target.DisplayName, ServiceUris.Root, found);
        }
    }
}
