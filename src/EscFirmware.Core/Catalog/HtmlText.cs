using System.Linq;
using System.Net;
using System.Text.RegularExpressions;

namespace EscFirmware.Core.Catalog
{
    /// <summary>Turns the catalog's HTML changelog into plain text: line breaks kept, tags dropped, entities decoded.</summary>
    internal static class HtmlText
    {
        private static readonly Regex LineBreak = new Regex(@"<\s*(br|/p|/li|/div|/h\d|/tr)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex ListItem = new Regex(@"<\s*li\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Tag = new Regex(@"<[^>]*>", RegexOptions.CultureInvariant);
        private static readonly Regex Spaces = new Regex(@"[ \t\u00A0]+", RegexOptions.CultureInvariant);

        public static string ToText(string? html)
        {
            if (string.IsNullOrEmpty(html)) return string.Empty;
            var text = LineBreak.Replace(html, "\n");
            text = ListItem.Replace(text, "- ");
            text = Tag.Replace(text, string.Empty);
            text = WebUtility.HtmlDecode(text).Replace("\r", string.Empty);
            var lines = text.Split('\n').Select(line => Spaces.Replace(line, " ").Trim()).Where(line => line.Length > 0);
            return string.Join("\n", lines);
        }
    }
}
