using System;
using System.Management.Automation;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Flashes a BIOS .HPM through the BMC's HPM wizard with the host off: shuts the host down on request, never leaves the BMC in update mode, powers on and verifies after POST on request.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EscBiosUpdate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = PathSet)]
    [OutputType(PSTypeNames.UpdateResult)]
    public sealed class InvokeEscBiosUpdateCommand : EscImageFlashCmdlet
    {
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

        /// <summary>Where the per-BMC journals go (default: the journal folder under the EscFirmware state folder).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        internal override void Run(CmdletRun run)
        {
            var options = new BiosUpdateOptions
            {
                Path = ImagePath,
                Force = Force.IsPresent,
                AllowDowngrade = AllowDowngrade.IsPresent,
                ShutdownHost = ShutdownHost.IsPresent,
                PowerOn = PowerOn.IsPresent,
                JournalPath = JournalPath == null ? null : GetUnresolvedProviderPathFromPSPath(JournalPath),
                WhatIf = IsWhatIf,
                Settings = BiosUpdateSettings.FromSeconds(PollIntervalSec, PostTimeoutSec, ForceOffAfterSec),
            };
            new BiosUpdateOperation(run.Request, options).Run(run.Sink, run.Stop);
        }
    }
}
