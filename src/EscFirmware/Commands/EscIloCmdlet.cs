using System;
using System.Management.Automation;

namespace EscFirmware.Commands
{
    /// <summary>The iLO update-service cmdlets: the BMC parameters and how often the iLO is polled.</summary>
    public abstract class EscIloCmdlet : EscBmcCmdlet
    {
        /// <summary>Seconds between polls of the iLO (upload state, task state).</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int PollIntervalSec { get; set; } = 5;

        /// <summary>A time given as a DateTime: one without a zone is local time, as PowerShell users type it.</summary>
        internal static DateTimeOffset? Time(DateTime? value) =>
            value.HasValue ? new DateTimeOffset(value.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value.Value, DateTimeKind.Local) : value.Value) : (DateTimeOffset?)null;
    }
}
