using System;
using System.Management.Automation;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Flashes a BIOS .HPM through the BMC's HPM wizard with the host off: shuts the host down on request, never leaves the BMC in update mode, powers on and verifies after POST on request.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EscBiosUpdate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(EscFirmwareUpdateResult))]
    public sealed class InvokeEscBiosUpdateCommand : EscBmcCmdlet
    {
        private const string PathSet = "Path";
        private const string ImageSet = "Image";
        private string? _imagePath;

        /// <summary>The BIOS .HPM file (for example Z14PG-D32-ASUS-0804.HPM).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>A validated image from Test-EscFirmwareImage.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ImageSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public EscFirmwareImage? Image { get; set; }

        /// <summary>Reinstall the version already installed.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Install an older version.</summary>
        [Parameter]
        public SwitchParameter AllowDowngrade { get; set; }

        /// <summary>Shut a running host down gracefully (Redfish GracefulShutdown) instead of refusing.</summary>
        [Parameter]
        public SwitchParameter ShutdownHost { get; set; }

        /// <summary>With -ShutdownHost: force the power off when the host is still on this many seconds after GracefulShutdown.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int ForceOffAfterSec { get; set; }

        /// <summary>Power the host on afterwards and confirm the new BiosVersion after POST.</summary>
        [Parameter]
        public SwitchParameter PowerOn { get; set; }

        /// <summary>How long the first POST after the flash may take, in seconds (5–15 minutes is normal).</summary>
        [Parameter]
        [ValidateRange(10, 7200)]
        public int PostTimeoutSec { get; set; } = 1200;

        /// <summary>Seconds between polls of power state, flash and verification progress, and BiosVersion.</summary>
        [Parameter]
        [ValidateRange(1, 300)]
        public int PollIntervalSec { get; set; } = 10;

        /// <summary>Where the per-BMC journals go (default: the journal folder under the EscFirmware state folder).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        protected override void ProcessRecord()
        {
            var path = ParameterSetName == ImageSet ? Image!.Path : GetUnresolvedProviderPathFromPSPath(Path);
            if (_imagePath != null && !string.Equals(_imagePath, path, StringComparison.Ordinal))
            {
                ThrowTerminating(new EscFirmwareException("EscOneImagePerRun", ErrorKind.InvalidArgument,
                    "One BIOS image per run: got '" + _imagePath + "' and '" + path + "'.",
                    recommendedAction: "Run Invoke-EscBiosUpdate once per image."), path);
            }
            _imagePath = path;
            base.ProcessRecord();
        }

        protected override void Run(BmcFleetRequest request)
        {
            var options = new BiosUpdateOptions
            {
                Path = _imagePath ?? string.Empty,
                Force = Force.IsPresent,
                AllowDowngrade = AllowDowngrade.IsPresent,
                ShutdownHost = ShutdownHost.IsPresent,
                PowerOn = PowerOn.IsPresent,
                JournalPath = JournalPath == null ? null : GetUnresolvedProviderPathFromPSPath(JournalPath),
                WhatIf = IsWhatIf,
                Settings = BiosUpdateSettings.FromSeconds(PollIntervalSec, PostTimeoutSec, ForceOffAfterSec),
            };
            new BiosUpdateOperation(request, options).Run(Sink, StopToken);
        }
    }
}
