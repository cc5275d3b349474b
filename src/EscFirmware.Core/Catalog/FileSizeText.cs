using System.Globalization;
using System.Text.RegularExpressions;

namespace EscFirmware.Core.Catalog
{
    /// <summary>Reads the catalog's human file size ("64.26 MB") as bytes, binary units, as ASUS computes them.</summary>
    internal static class FileSizeText
    {
        private static readonly Regex Pattern = new Regex(@"^\s*(\d+(?:\.\d+)?)\s*(B|Bytes|KB|MB|GB)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static long? ToBytes(string? text)
        {
            var match = Pattern.Match(text ?? string.Empty);
            if (!match.Success) return null;
            var number = decimal.Parse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            switch (match.Groups[2].Value.ToUpperInvariant())
            {
                case "KB": return (long)(number * 1024);
                case "MB": return (long)(number * 1024 * 1024);
                case "GB": return (long)(number * 1024 * 1024 * 1024);
                default: return (long)number;
            }
        }
    }
}
