using System.Management.Automation;
using EscFirmware.Core.Ilo;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Removes a component from the iLO Repository of HPE iLOs (a component a task or install set refers to is locked).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "EscRepositoryComponent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(PSTypeNames.RepositoryComponent)]
    public sealed class RemoveEscRepositoryComponentCommand : EscIloCmdlet
    {
        /// <summary>The component's file name (the repository's key) or Id.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Filename { get; set; } = string.Empty;

        /// <summary>Write what was removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override void Run(CmdletRun run) => RepositoryOperations.Remove(run.Request, IloSettings.FromSeconds(PollIntervalSec, 1800, 7200), Filename, PassThru.IsPresent, run.Sink, run.Stop);
    }
}
