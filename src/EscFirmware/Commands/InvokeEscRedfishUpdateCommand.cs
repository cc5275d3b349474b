using System;
using System.Management.Automation;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Generic;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Updates BMC firmware or BIOS of any DMTF Redfish BMC that is not AMI/ASUS: pushes the image (or has the BMC fetch it), follows the task, resets when the update asks for it, and verifies the new version in the inventory.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EscRedfishUpdate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = PathSet)]
    [OutputType(PSTypeNames.UpdateResult)]
    public sealed class InvokeEscRedfishUpdateCommand : EscBmcCmdlet
    {
        private const string PathSet = "Path";
        private const string UriSet = "ImageUri";

        /// <summary>Bmc or Bios: which firmware the image is for.</summary>
        [Parameter(Mandatory = true)]
        [ValidateSet("Bmc", "Bios")]
        public string Component { get; set; } = "Bmc";

        /// <summary>The image file, pushed to the BMC (MultipartHttpPushUri, else HttpPushUri), streamed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>An http(s) URI the BMC fetches the image from itself (SimpleUpdate). Serve it from a host you control.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UriSet)]
        [ValidateNotNull]
        public Uri? ImageUri { get; set; }

        /// <summary>Immediate (default) or OnReset: OnReset stages the image until you reset the BMC or host yourself.</summary>
        [Parameter]
        [ValidateSet("Immediate", "OnReset")]
        public string ApplyTime { get; set; } = "Immediate";

        /// <summary>The version the inventory must show afterwards; without it, any change from the old version counts.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ExpectedVersion { get; set; }

        /// <summary>Restart the host when a BIOS update needs it to activate (the host's workload stops).</summary>
        [Parameter]
        public SwitchParameter RestartHost { get; set; }

        /// <summary>How long the BMC's update task may run, in seconds.</summary>
        [Parameter]
        [ValidateRange(30, 14400)]
        public int TaskTimeoutSec { get; set; } = 2400;

        /// <summary>How long the inventory may take to show the new version (after a reset: the BMC's reboot), in seconds.</summary>
        [Parameter]
        [ValidateRange(10, 7200)]
        public int VerifyTimeoutSec { get; set; } = 900;

        /// <summary>Seconds between polls of the task and the inventory when the BMC gives no Retry-After.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int PollIntervalSec { get; set; } = 5;

        /// <summary>How long the image upload may take, in seconds.</summary>
        [Parameter]
        [ValidateRange(30, 14400)]
        public int UploadTimeoutSec { get; set; } = 1800;

        internal override void Run(CmdletRun run)
        {
            var options = new GenericUpdateOptions
            {
                Component = Component == "Bios" ? FirmwareComponent.Bios : FirmwareComponent.Bmc,
                ImagePath = ParameterSetName == PathSet ? GetUnresolvedProviderPathFromPSPath(Path) : null,
                ImageUri = ImageUri?.AbsoluteUri,
                ApplyTime = ApplyTime,
                ExpectedVersion = ExpectedVersion,
                RestartHost = RestartHost.IsPresent,
                WhatIf = IsWhatIf,
                Settings = GenericUpdateSettings.FromSeconds(PollIntervalSec, TaskTimeoutSec, VerifyTimeoutSec, UploadTimeoutSec),
            };
            new GenericUpdateOperation(run.Request, options).Run(run.Sink, run.Stop);
        }
    }
}
