using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace EscFirmware.Tests.Module
{
    /// <summary>
    /// Reads the simple shapes EscFirmware.psd1 uses (Key = 'text', Key = @('a', 'b')) without PowerShell; the hosted-engine
    /// suite (tests/EscFirmware.Engine.Tests) checks the same manifest with Test-ModuleManifest.
    /// </summary>
    internal sealed class Psd1
    {
        private readonly string _text;

        private Psd1(string text)
        {
            _text = string.Join("\n", text.Split('\n').Where(line => !line.TrimStart().StartsWith("#")));
        }

        public static Psd1 Load(string path) => new Psd1(File.ReadAllText(path));

        public string? String(string key)
        {
            var match = Regex.Match(_text, @"^\s*" + key + @"\s*=\s*'([^']*)'", RegexOptions.Multiline);
            return match.Success ? match.Groups[1].Value : null;
        }

        public IReadOnlyList<string>? Array(string key)
        {
            var match = Regex.Match(_text, @"^\s*" + key + @"\s*=\s*@\(([^)]*)\)", RegexOptions.Multiline);
            if (!match.Success) return null;
            return Regex.Matches(match.Groups[1].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToList();
        }
    }
}
