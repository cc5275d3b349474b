using System;
using System.Management.Automation;
using EscFirmware.Core.Ilo;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a maintenance window on HPE iLOs: a time range (iLO clock) update tasks and install sets can wait for.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "EscMaintenanceWindow", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(PSTypeNames.MaintenanceWindow)]
    public sealed class NewEscMaintenanceWindowCommand : EscIloCmdlet
    {
        /// <summary>A unique name; the iLO derives the window's Id from it.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>When the window opens; omit for "now".</summary>
        [Parameter]
        public DateTime? StartAfter { get; set; }

        /// <summary>When it closes: tasks still Pending then become Expired.</summary>
        [Parameter]
        public DateTime? Expire { get; set; }

        internal override void Run(CmdletRun run) =>
            MaintenanceWindowOperations.New(run.Request, IloSettings.FromSeconds(PollIntervalSec, 1800, 7200), Name, Time(StartAfter), Time(Expire), run.Sink, run.Stop);
    }
}
