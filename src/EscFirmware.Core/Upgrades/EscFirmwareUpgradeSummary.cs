using System;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>The verified end state of one server after Invoke-EscFirmwareUpgrade (after its per-component results).</summary>
    public sealed class EscFirmwareUpgradeSummary
    {
        public string ComputerName { get; set; } = string.Empty;
        public string? BmcFrom { get; set; }

        /// <summary>The BMC version read back from the BMC at the end (not the image's claim).</summary>
        public string? BmcTo { get; set; }
        public string? BiosFrom { get; set; }

        /// <summary>The BIOS version read back at the end; stale until the host has POSTed (see Message).</summary>
        public string? BiosTo { get; set; }

        /// <summary>Succeeded, Skipped (already current), Failed, WhatIf, NotStarted (canary stop, failure budget, Ctrl+C), or
        /// Pending (nothing written: a BIOS written earlier waits for the host's next POST).</summary>
        public UpgradeStatus Status { get; set; }
        public TimeSpan Duration { get; set; }
        public string? Message { get; set; }
    }

    public enum UpgradeStatus
    {
        Succeeded,
        Skipped,
        Failed,
        WhatIf,
        NotStarted,
        Pending,
    }
}
