using System;
using System.Management.Automation;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bmc;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Updates BMC firmware of ASUS ESC servers over Redfish with the BMC configuration preserved; the hosts keep running.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EscBmcUpdate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(EscFirmwareUpdateResult))]
    public sealed class InvokeEscBmcUpdateCommand : EscBmcCmdlet
    {
        private const string PathSet = "Path";
        private const string ImageSet = "Image";
        private string? _imagePath;

        /// <summary>The BMC image (.hpm from the ASMB package).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>An image from Test-EscFirmwareImage or Save-EscFirmwarePackage; its file is validated again.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ImageSet)]
        [ValidateNotNull]
        public EscFirmwareImage? Image { get; set; }

        /// <summary>Reinstall the version that is already running.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Allow an image older than the running firmware.</summary>
        [Parameter]
        public SwitchParameter AllowDowngrade { get; set; }

        /// <summary>How long the BMC may take to come back after the flash, in seconds.</summary>
        [Parameter]
        [ValidateRange(60, 7200)]
        public int RebootTimeoutSec { get; set; } = 1200;

        /// <summary>How long the image upload may take, in seconds.</summary>
        [Parameter]
        [ValidateRange(30, 14400)]
        public int UploadTimeoutSec { get; set; } = 1800;

        /// <summary>How often a running flash and a rebooting BMC are polled, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int PollIntervalSec { get; set; } = 15;

        protected override void ProcessRecord()
        {
            var path = Image != null ? Image.Path : GetUnresolvedProviderPathFromPSPath(Path);
            if (_imagePath != null && !string.Equals(_imagePath, path, StringComparison.OrdinalIgnoreCase))
            {
                WriteError(ErrorRecords.From(new OperationError("EscOneImagePerRun", ErrorKind.InvalidArgument,
                    "Only one BMC image can be flashed per run; '" + path + "' is ignored, '" + _imagePath + "' is used.", path,
                    recommendedAction: "Run Invoke-EscBmcUpdate once per image.")));
            }
            _imagePath = _imagePath ?? path;
            base.ProcessRecord();
        }

        protected override void Run(BmcFleetRequest request)
        {
            var options = new BmcUpdateOptions(_imagePath!)
            {
                Force = Force.IsPresent,
                AllowDowngrade = AllowDowngrade.IsPresent,
                WhatIf = IsWhatIf,
                Settings = BmcUpdateSettings.FromSeconds(PollIntervalSec, RebootTimeoutSec, UploadTimeoutSec),
            };
            new BmcUpdateOperation(request, options).Run(Sink, StopToken);
        }
    }
}
