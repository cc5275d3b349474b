using System;

namespace EscFirmware.Core.Audit
{
    /// <summary>
    /// One line of the audit log: who did what to which server, with which image, when, and how it ended.
    /// Never a secret: no password, token, cookie or session handle ever goes in.
    /// </summary>
    public sealed class EscFirmwareAuditRecord
    {
        public DateTimeOffset Time { get; set; }

        /// <summary>One id per command run, so a fleet's records can be told apart from a re-run's.</summary>
        public string RunId { get; set; } = string.Empty;

        /// <summary>The account and machine that ran the command ("DOMAIN\user@host").</summary>
        public string Operator { get; set; } = string.Empty;

        /// <summary>The BMC the record is about; null for fleet-wide records (run start, canary stop, failure budget).</summary>
        public string? ComputerName { get; set; }
        public AuditEvent Event { get; set; }
        public string? Component { get; set; }
        public string? ImageSha256 { get; set; }
        public string? FromVersion { get; set; }
        public string? ToVersion { get; set; }

        /// <summary>On an upgrade path: which step the record is about ("2 of 3").</summary>
        public string? Step { get; set; }
        public string? Phase { get; set; }

        /// <summary>For PhaseChanged: how long the previous phase took, in seconds.</summary>
        public double? PreviousPhaseSeconds { get; set; }
        public string? Status { get; set; }
        public string? Message { get; set; }
    }
}
