using System;
using System.Collections.Generic;
using System.Management.Automation;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Upgrades.Paths;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows the firmware releases a server (or a given version) must go through to reach the newest or a named BMC and BIOS release, from the catalog alone: no BMC is contacted, nothing is written.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EscUpgradePath")]
    [OutputType(typeof(EscUpgradePath))]
    public sealed class GetEscUpgradePathCommand : SupportSiteCmdlet
    {
        private readonly List<UpgradePathInput> _inputs = new List<UpgradePathInput>();

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

        /// <summary>A local catalog file (GetPDBIOS answer, docs/firmware-catalog.md) instead of the ASUS site.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CatalogPath { get; set; }

        /// <summary>The support API's base address (default https://www.asus.com/), for a mirror.</summary>
        [Parameter]
        public Uri? CatalogUri { get; set; }

        /// <summary>Which GetPDBIOS front-end to ask.</summary>
        [Parameter]
        public AsusCatalogApi Api { get; set; } = AsusCatalogApi.ProductV2;

        protected override void ProcessRecord() =>
            _inputs.Add(new UpgradePathInput { ComputerName = ComputerName ?? string.Empty, Model = Model, BmcVersion = BmcVersion, BiosVersion = BiosVersion });

        protected override void EndProcessing()
        {
            var targets = new UpgradeTargets { Latest = Latest.IsPresent, BmcVersion = TargetBmcVersion, BiosVersion = TargetBiosVersion, AllowDowngrade = AllowDowngrade.IsPresent };
            if (!targets.Any)
            {
                ThrowTerminating(new Core.Operations.EscFirmwareException("EscUpgradeTargetMissing", Core.Operations.ErrorKind.InvalidArgument,
                    "Where should the path end? Give -Latest, -TargetBmcVersion, -TargetBiosVersion, or a combination.",
                    recommendedAction: "Add -Latest for the newest releases."), Model);
                return;
            }
            var settings = new AsusCatalogSettings { Api = Api };
            if (CatalogUri != null) settings.BaseUri = CatalogUri;
            var catalogPath = CatalogPath == null ? null : GetUnresolvedProviderPathFromPSPath(CatalogPath);
            using (var http = catalogPath == null ? CreateClient() : null)
            {
                var planner = new CatalogPathPlanner(new ReleaseCatalog(http, settings, catalogPath), targets);
                new GetUpgradePathOperation(planner).Run(_inputs, Sink, StopToken);
            }
        }
    }
}
