using System;

namespace EscFirmware.Core.Redfish
{
    /// <summary>Names what a server answered instead of Redfish JSON, in words an admin recognises.</summary>
    internal static class NotRedfishService
    {
        public const string ErrorId = "EscNotRedfishService";

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
    }
}
