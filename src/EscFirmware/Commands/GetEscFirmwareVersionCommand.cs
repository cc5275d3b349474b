using System.Management.Automation;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads BMC firmware, BIOS, host power state and both BMC image slots of ASUS ESC servers.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EscFirmwareVersion")]
    [OutputType(PSTypeNames.FirmwareVersion)]
    public sealed class GetEscFirmwareVersionCommand : EscBmcCmdlet
    {
        /// <summary>Read through a Redfish session (a login and a logout more per BMC) instead of HTTP Basic.</summary>
        [Parameter]
        public SwitchParameter UseSession { get; set; }

        internal override int MaxThrottleLimit => BmcFleetRequest.MaxReadThrottleLimit;

        internal override void Run(CmdletRun run)
        {
            run.Request.ReadAuthentication = UseSession.IsPresent ? RedfishAuthentication.Session : RedfishAuthentication.Basic;
            new FirmwareVersionReport(run.Request).Run(run.Sink, run.Stop);
        }
    }
}
