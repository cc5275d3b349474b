using System.Management.Automation;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.Core.Upgrades;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Brings ESC servers to the given BMC and BIOS firmware, BMC first, in rolling waves with a canary and a failure budget, with an audit trail.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EscFirmwareUpgrade", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ImagesSet)]
    [OutputType(PSTypeNames.UpdateResult, PSTypeNames.UpgradeSummary)]
    public sealed class InvokeEscFirmwareUpgradeCommand : EscFlashCmdlet
    {
        private const string ImagesSet = "Images";
        private const string CatalogSet = "Catalog";

        /// <summary>The BMC .hpm: a path, a FileInfo, or an image from Test-EscFirmwareImage / Save-EscFirmwarePackage.</summary>
        [Parameter(ParameterSetName = ImagesSet)]
        [ValidateNotNull]
        public object? BmcImage { get; set; }

        /// <summary>The BIOS .HPM: a path, a FileInfo, or an image object.</summary>
        [Parameter(ParameterSetName = ImagesSet)]
        [ValidateNotNull]
        public object? BiosImage { get; set; }

        /// <summary>The server model. Through the catalog: whose releases to use; always checked against each server's Model.</summary>
        [Parameter(ParameterSetName = ImagesSet)]
        [Parameter(Mandatory = true, ParameterSetName = CatalogSet)]
        [ValidateNotNullOrEmpty]
        public string? Model { get; set; }

        /// <summary>Bring every component without a named target to its newest release, through the intermediate releases its upgrade path needs.</summary>
        [Parameter(ParameterSetName = CatalogSet)]
        public SwitchParameter Latest { get; set; }

        /// <summary>Bring the BMC to this catalog release, through the intermediate releases its upgrade path needs.</summary>
        [Parameter(ParameterSetName = CatalogSet)]
        [ValidateNotNullOrEmpty]
        public string? TargetBmcVersion { get; set; }

        /// <summary>Bring the BIOS to this catalog release, through the intermediate releases its upgrade path needs.</summary>
        [Parameter(ParameterSetName = CatalogSet)]
        [ValidateNotNullOrEmpty]
        public string? TargetBiosVersion { get; set; }

        /// <summary>Through the catalog: a local catalog file instead of the ASUS support site.</summary>
        [Parameter(ParameterSetName = CatalogSet)]
        [ValidateNotNullOrEmpty]
        public string? CatalogPath { get; set; }

        /// <summary>Through the catalog: where packages are kept (default: packages in the state folder).</summary>
        [Parameter(ParameterSetName = CatalogSet)]
        [ValidateNotNullOrEmpty]
        public string? PackageCachePath { get; set; }

        /// <summary>Through the catalog: also trust certificates issued by this CA (an internal mirror with a private CA), for this run's downloads only.</summary>
        [Parameter(ParameterSetName = CatalogSet)]
        [ValidateNotNullOrEmpty]
        public string? CaCertificatePath { get; set; }

        /// <summary>Through the catalog: accept exactly the support site's or mirror's certificate with this SHA-256 thumbprint.</summary>
        [Parameter(ParameterSetName = CatalogSet)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern("^[0-9A-Fa-f:\\- ]{64,95}$")]
        public string[]? MirrorCertificateThumbprint { get; set; }

        /// <summary>Shut running hosts down gracefully before the BIOS flash instead of refusing.</summary>
        [Parameter]
        public SwitchParameter ShutdownHost { get; set; }

        /// <summary>With -ShutdownHost: force the power off when a host is still on this many seconds after GracefulShutdown.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int ForceOffAfterSec { get; set; }

        /// <summary>Power hosts on after the BIOS flash and confirm the new BiosVersion after POST.</summary>
        [Parameter]
        public SwitchParameter PowerOn { get; set; }

        /// <summary>The first K servers must all succeed before any other starts.</summary>
        [Parameter]
        [ValidateRange(0, 1000)]
        public int CanaryCount { get; set; }

        /// <summary>After this many failed servers no new server starts; running ones finish cleanly.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int MaxFailures { get; set; } = int.MaxValue;

        /// <summary>How long a BMC may take to come back after its flash, in seconds.</summary>
        [Parameter]
        [ValidateRange(60, 7200)]
        public int RebootTimeoutSec { get; set; } = 1200;

        /// <summary>How long the BMC image upload may take, in seconds.</summary>
        [Parameter]
        [ValidateRange(30, 14400)]
        public int UploadTimeoutSec { get; set; } = 1800;

        /// <summary>How long the first POST after the BIOS flash may take, in seconds.</summary>
        [Parameter]
        [ValidateRange(10, 7200)]
        public int PostTimeoutSec { get; set; } = 1200;

        /// <summary>The audit log (JSON Lines); default audit.jsonl in the state folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AuditPath { get; set; }

        /// <summary>Where the per-BMC journals go (default: the journal folder under the state folder).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        internal override void Run(CmdletRun run)
        {
            var options = new FirmwareUpgradeOptions
            {
                BmcImagePath = PathOf(BmcImage),
                BiosImagePath = PathOf(BiosImage),
                Model = Model,
                Latest = Latest.IsPresent,
                TargetBmcVersion = TargetBmcVersion,
                TargetBiosVersion = TargetBiosVersion,
                CatalogPath = Resolve(CatalogPath),
                PackageCachePath = Resolve(PackageCachePath),
                ShutdownHost = ShutdownHost.IsPresent,
                PowerOn = PowerOn.IsPresent,
                Force = Force.IsPresent,
                AllowDowngrade = AllowDowngrade.IsPresent,
                WhatIf = IsWhatIf,
                CanaryCount = CanaryCount,
                MaxFailures = MaxFailures,
                AuditPath = Resolve(AuditPath),
                JournalPath = Resolve(JournalPath),
                Bmc = BmcUpdateSettings.FromSeconds(PollIntervalSec, RebootTimeoutSec, UploadTimeoutSec),
                Bios = BiosUpdateSettings.FromSeconds(PollIntervalSec, PostTimeoutSec, ForceOffAfterSec),
            };
            // Through the catalog: packages (and the catalog, without -CatalogPath) come from the support site or the mirror
            // a local catalog points to, certificates validated (OS store, -CaCertificatePath, -MirrorCertificateThumbprint).
            using (var supportSite = options.Targets.Any ? SupportSiteClient.Create(TlsPolicy.From(false, MirrorCertificateThumbprint).TrustingCa(Resolve(CaCertificatePath))) : null)
            {
                new FirmwareUpgradeOperation(run.Request, options, supportSite).Run(run.Sink, run.Stop);
            }
        }

        private string? Resolve(string? path) => path == null ? null : GetUnresolvedProviderPathFromPSPath(path);

        private string? PathOf(object? image)
        {
            if (image == null) return null;
            try
            {
                return ImageArgument.PathOf(image, GetUnresolvedProviderPathFromPSPath);
            }
            catch (EscFirmwareException invalid)
            {
                ThrowTerminatingError(ErrorRecords.From(invalid, image));
                return null;
            }
        }
    }
}
