using System.Management.Automation;
using EscFirmware.Core.Ilo;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Removes a maintenance window from HPE iLOs.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "EscMaintenanceWindow", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(PSTypeNames.MaintenanceWindow)]
    public sealed class RemoveEscMaintenanceWindowCommand : EscIloCmdlet
    {
        /// <summary>The window's Name or Id.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>Write what was removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override void Run(CmdletRun run) => MaintenanceWindowOperations.Remove(run.Request, IloSettings.FromSeconds(PollIntervalSec, 1800, 7200), Name, PassThru.IsPresent, run.Sink, run.Stop);
    }
}
