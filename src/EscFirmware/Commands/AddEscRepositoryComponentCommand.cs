using System.Management.Automation;
using EscFirmware.Core.Ilo;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Uploads a component (and its .compsig) to the iLO Repository of HPE iLOs, streamed; flashes only with -Flash.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "EscRepositoryComponent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(PSTypeNames.RepositoryComponent)]
    public sealed class AddEscRepositoryComponentCommand : EscIloCmdlet
    {
        /// <summary>The component file (.fwpkg, .exe, .rpm, .bin, .flash …).</summary>
        [Parameter(Mandatory = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Its component signature file; Smart Components need one, raw .bin/.flash images carry theirs inside.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CompsigPath { get; set; }

        /// <summary>Also flash it right away (UpdateTarget); without it the component only lands in the repository.</summary>
        [Parameter]
        public SwitchParameter Flash { get; set; }

        /// <summary>How long the upload may take, in seconds.</summary>
        [Parameter]
        [ValidateRange(30, 14400)]
        public int UploadTimeoutSec { get; set; } = 1800;

        internal override void Run(CmdletRun run) =>
            RepositoryOperations.Add(run.Request, IloSettings.FromSeconds(PollIntervalSec, UploadTimeoutSec, 7200), GetUnresolvedProviderPathFromPSPath(Path),
                CompsigPath == null ? null : GetUnresolvedProviderPathFromPSPath(CompsigPath), Flash.IsPresent, run.Sink, run.Stop);
    }
}
