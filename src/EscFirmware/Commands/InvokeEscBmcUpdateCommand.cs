using System.Management.Automation;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Updates BMC firmware of ASUS ESC servers over Redfish with the BMC configuration preserved; the hosts keep running.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EscBmcUpdate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = PathSet)]
    [OutputType(PSTypeNames.UpdateResult)]
    public sealed class InvokeEscBmcUpdateCommand : EscImageFlashCmdlet
    {
        public InvokeEscBmcUpdateCommand() => PollIntervalSec = 15;

        /// <summary>How long the BMC may take to come back after the flash, in seconds.</summary>
        [Parameter]
        [ValidateRange(60, 7200)]
        public int RebootTimeoutSec { get; set; } = 1200;

        /// <summary>How long the image upload may take, in seconds.</summary>
        [Parameter]
        [ValidateRange(30, 14400)]
        public int UploadTimeoutSec { get; set; } = 1800;

        internal override void Run(CmdletRun run)
        {
            var options = new BmcUpdateOptions(ImagePath)
            {
                Force = Force.IsPresent,
                AllowDowngrade = AllowDowngrade.IsPresent,
                WhatIf = IsWhatIf,
                Settings = BmcUpdateSettings.FromSeconds(PollIntervalSec, RebootTimeoutSec, UploadTimeoutSec),
            };
            new BmcUpdateOperation(run.Request, options).Run(run.Sink, run.Stop);
        }
    }
}
