using System;

namespace EscFirmware.Core.Recovery
{
    /// <summary>One BMC's state, what it was concluded from, and the next step: the output of Get-EscBmcState and escfw state.</summary>
    public sealed class EscBmcState
    {
        public string ComputerName { get; set; } = string.Empty;
        public BmcState State { get; set; }
        /// <summary>True when the BMC can get back to Healthy without anyone at the rack (by waiting or with a command).</summary>
        public bool Recoverable { get; set; }
        /// <summary>The HPM wizard's FWUPDATEID, when the journal knows it.</summary>
        public int? FwUpdateId { get; set; }
        /// <summary>The exact next step, in plain words.</summary>
        public string Remedy { get; set; } = string.Empty;
        /// <summary>Every observation the state was concluded from, in the order they were made.</summary>
        public string[] Evidence { get; set; } = Array.Empty<string>();
        public DateTimeOffset CheckedAt { get; set; }
    }
}
