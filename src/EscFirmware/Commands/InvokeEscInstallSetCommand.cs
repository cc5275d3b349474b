using System;
using System.Management.Automation;
using EscFirmware.Core.Ilo;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Invokes an iLO install set: its sequence joins the Update Task Queue (cleared first unless -KeepTaskQueue), in a maintenance window or time range.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EscInstallSet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = WindowSet)]
    [OutputType(PSTypeNames.InstallSet)]
    public sealed class InvokeEscInstallSetCommand : EscIloCmdlet
    {
        private const string WindowSet = "MaintenanceWindow";
        private const string TimeSet = "TimeRange";

        /// <summary>The install set's Name or Id.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>Keep the tasks already queued (HPE advises clearing the queue first, which is the default).</summary>
        [Parameter]
        public SwitchParameter KeepTaskQueue { get; set; }

        [Parameter(ParameterSetName = WindowSet)]
        [ValidateNotNullOrEmpty]
        public string? MaintenanceWindow { get; set; }

        [Parameter(ParameterSetName = TimeSet)]
        public DateTime? StartAfter { get; set; }

        [Parameter(ParameterSetName = TimeSet)]
        public DateTime? Expire { get; set; }

        internal override void Run(CmdletRun run) =>
            InstallSetOperations.Invoke(run.Request, IloSettings.FromSeconds(PollIntervalSec, 1800, 7200), Name, !KeepTaskQueue.IsPresent, MaintenanceWindow, Time(StartAfter), Time(Expire), run.Sink, run.Stop);
    }
}
