using System.Management.Automation;
using EscFirmware.Core.Operations;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows the firmware releases a server (or a given version) must go through to reach the newest or a named BMC and BIOS release, from the catalog alone: no BMC is contacted, nothing is written.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EscUpgradePath")]
    [OutputType(PSTypeNames.UpgradePath)]
    public sealed class GetEscUpgradePathCommand : CatalogCmdlet
    {
        private readonly UpgradePathQueries _queries = new UpgradePathQueries();

        /// <summary>The model as ASUS spells it, e.g. ESC8000-E12P (from Get-EscFirmwareVersion's output when piped).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Model { get; set; } = string.Empty;

        /// <summary>The running BMC version (from Get-EscFirmwareVersion's output when piped).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? BmcVersion { get; set; }

        /// <summary>The running BIOS version (from Get-EscFirmwareVersion's output when piped).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? BiosVersion { get; set; }

        /// <summary>The server the versions belong to, to label the path (from Get-EscFirmwareVersion's output when piped).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CN", "HostName", "BmcAddress")]
        public string? ComputerName { get; set; }

        /// <summary>End every component without a named target at its newest release.</summary>
        [Parameter]
        public SwitchParameter Latest { get; set; }

        /// <summary>End the BMC at this release.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TargetBmcVersion { get; set; }

        /// <summary>End the BIOS at this release.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TargetBiosVersion { get; set; }

        /// <summary>Plan a path to an older release (it follows the same constraints).</summary>
        [Parameter]
        public SwitchParameter AllowDowngrade { get; set; }

        protected override void ProcessRecord() => _queries.Add(ComputerName, Model, BmcVersion, BiosVersion);

        protected override void EndProcessing()
        {
            var targets = new UpgradeTargetArguments(Latest.IsPresent, TargetBmcVersion, TargetBiosVersion, AllowDowngrade.IsPresent);
            if (!targets.Any)
            {
                ThrowTerminatingError(ErrorRecords.From(new EscFirmwareException("EscUpgradeTargetMissing", ErrorKind.InvalidArgument,
                    "Where should the path end? Give -Latest, -TargetBmcVersion, -TargetBiosVersion, or a combination.",
                    recommendedAction: "Add -Latest for the newest releases."), Model));
                return;
            }
            using (var http = CreateCatalogClient())
            {
                _queries.Run(targets, Api, CatalogUri, ResolvedCatalogPath, http, Sink, StopToken);
            }
        }
    }
}
