using System.Management.Automation;
using EscFirmware.Core.Ilo;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Removes a task from the iLO Update Task Queue (never one that is InProgress).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "EscUpdateTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(PSTypeNames.UpdateTask)]
    public sealed class RemoveEscUpdateTaskCommand : EscIloCmdlet
    {
        /// <summary>The task's Name (or Id).</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>Write what was removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override void Run(CmdletRun run) => TaskQueueOperations.Remove(run.Request, IloSettings.FromSeconds(PollIntervalSec, 1800, 7200), Name, PassThru.IsPresent, run.Sink, run.Stop);
    }
}
