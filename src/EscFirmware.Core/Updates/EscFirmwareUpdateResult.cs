using System;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Updates
{
    /// <summary>One result per component per server, from Invoke-EscBmcUpdate, Invoke-EscBiosUpdate and Invoke-EscFirmwareUpgrade.</summary>
    public sealed class EscFirmwareUpdateResult
    {
        public string ComputerName { get; set; } = string.Empty;
        public FirmwareComponent Component { get; set; }
        public string? FromVersion { get; set; }
        public string? ToVersion { get; set; }

        /// <summary>On an upgrade path (Invoke-EscFirmwareUpgrade through the catalog): which step this is ("2 of 3").</summary>
        public string? Step { get; set; }
        public UpdateStatus Status { get; set; }

        /// <summary>The last phase reached.</summary>
        public string Phase { get; set; } = string.Empty;
        public TimeSpan Duration { get; set; }
        public string? HostPowerState { get; set; }
        public string? TaskUri { get; set; }
        public string? Message { get; set; }
        public string? ErrorId { get; set; }

        /// <summary>
        /// The error behind Status Failed, when there was one: the cmdlets make their error record from it (its
        /// category and next step). Internal, so neither the pipeline's objects nor escfw's JSON carry it.
        /// </summary>
        internal OperationError? Failure { get; set; }
    }
}
