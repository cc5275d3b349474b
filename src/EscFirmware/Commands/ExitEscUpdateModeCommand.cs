using System.Management.Automation;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Recovery;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets an ASUS ESC BMC out of firmware-update mode through a web session that survived the lock; says plainly when only an AC power drain can.</para>
    /// <para type="description">ConfirmImpact is High: the exit discards a staged upload (or, with -CompleteFlash, writes firmware) and ends an update another process may still own.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Exit, "EscUpdateMode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(PSTypeNames.UpdateModeExitResult)]
    public sealed class ExitEscUpdateModeCommand : EscBmcCmdlet
    {
        /// <summary>The FWUPDATEID to exit; by default the one the journal recorded.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? FwUpdateId { get; set; }

        /// <summary>The folder of the per-BMC update journals (default: the EscFirmware state folder's journal folder).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>If an upload was staged but never flashed, finish the flash (host must be off) instead of discarding it.</summary>
        [Parameter]
        public SwitchParameter CompleteFlash { get; set; }

        internal override void Run(CmdletRun run) =>
            new ExitUpdateModeOperation(run.Request, new ExitUpdateModeOptions
            {
                FwUpdateId = FwUpdateId,
                CompleteFlash = CompleteFlash.IsPresent,
                WhatIf = IsWhatIf,
                Settings = new RecoverySettings { JournalPath = JournalPath },
            }).Run(run.Sink, run.Stop);
    }
}
