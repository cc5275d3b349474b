using System.Management.Automation;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Recovery;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Says what state ASUS ESC BMCs are in (Healthy, UpdateModeLocked, UpdateInProgress, Rebooting, SessionTableFull, AuthLockedOut, FlashFailed, NotRedfish, Unreachable, Unknown), what that was concluded from, and what to do next.</para>
    /// <para type="description">Read-only: it changes nothing and leaves no session. A few serialised requests per BMC, so the probe never triggers the burst lockout it may be diagnosing.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EscBmcState")]
    [OutputType(PSTypeNames.BmcState)]
    public sealed class GetEscBmcStateCommand : EscBmcCmdlet
    {
        /// <summary>The folder of the per-BMC update journals (default: the EscFirmware state folder's journal folder).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        internal override int MaxThrottleLimit => BmcFleetRequest.MaxReadThrottleLimit;

        internal override void Run(CmdletRun run) =>
            new BmcStateReport(run.Request, new RecoverySettings { JournalPath = JournalPath }).Run(run.Sink, run.Stop);
    }
}
