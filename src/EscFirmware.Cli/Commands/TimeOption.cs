using System;
using System.CommandLine;
using System.Globalization;

namespace EscFirmware.Cli.Commands
{
    /// <summary>A date or time option (every verb's): ISO 8601 only, UTC unless it carries an offset; anything else is a
    /// usage error naming the option and an example, never a .NET type.</summary>
    internal static class TimeOption
    {
        private static readonly string[] Formats =
        {
            "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        };

        public static Option<DateTimeOffset?> Create(string name, string description) => new Option<DateTimeOffset?>(name)
        {
            Description = description + " (ISO 8601, UTC unless it has an offset: 2026-11-24 or 2026-11-24T22:00:00Z)",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time;
                result.AddError(name + " '" + text + "' is not an ISO 8601 date or time; give for example 2026-11-24 or 2026-11-24T22:00:00Z.");
                return null;
            },
        };
    }
}
