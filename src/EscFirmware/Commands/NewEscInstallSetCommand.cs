using System.Management.Automation;
using EscFirmware.Core.Ilo;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates an install set on HPE iLOs: repository components applied in the given order.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "EscInstallSet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(PSTypeNames.InstallSet)]
    public sealed class NewEscInstallSetCommand : EscIloCmdlet
    {
        /// <summary>A unique name (an iLO keeps at most 8 install sets).</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>The repository components (file names) to apply, in order.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string[] Filename { get; set; } = new string[0];

        /// <summary>Which updater applies them: Bmc (the iLO, default), Uefi, RuntimeAgent.</summary>
        [Parameter]
        [ValidateSet("Bmc", "Uefi", "RuntimeAgent")]
        public string[] UpdatableBy { get; set; } = { "Bmc" };

        internal override void Run(CmdletRun run) =>
            InstallSetOperations.New(run.Request, IloSettings.FromSeconds(PollIntervalSec, 1800, 7200), Name, Filename, UpdatableBy, run.Sink, run.Stop);
    }
}
