using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace EscFirmware.Core.Audit
{
    /// <summary>Which audit records to read back: servers (wildcards * and ?), a time window, statuses, one run.</summary>
    public sealed class AuditQuery
    {
        public IReadOnlyList<string> ComputerNames { get; set; } = Array.Empty<string>();
        public DateTimeOffset? After { get; set; }
        public DateTimeOffset? Before { get; set; }
        public IReadOnlyList<string> Statuses { get; set; } = Array.Empty<string>();
        public string? RunId { get; set; }

        public bool Matches(EscFirmwareAuditRecord record) =>
            (ComputerNames.Count == 0 || (record.ComputerName != null && ComputerNames.Any(pattern => Like(record.ComputerName, pattern))))
            && (!After.HasValue || record.Time >= After.Value)
            && (!Before.HasValue || record.Time <= Before.Value)
            && (Statuses.Count == 0 || (record.Status != null && Statuses.Any(s => string.Equals(s, record.Status, StringComparison.OrdinalIgnoreCase))))
            && (string.IsNullOrEmpty(RunId) || string.Equals(RunId, record.RunId, StringComparison.OrdinalIgnoreCase));

        private static bool Like(string value, string pattern) =>
            Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
