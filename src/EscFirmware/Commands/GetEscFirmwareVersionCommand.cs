using System.Management.Automation;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads BMC firmware, BIOS, host power state and both BMC image slots of ASUS ESC servers.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EscFirmwareVersion")]
    [OutputType(typeof(EscFirmwareVersion))]
    public sealed class GetEscFirmwareVersionCommand : EscBmcCmdlet
    {
        /// <summary>Read through a Redfish session (a login and a logout more per BMC) instead of HTTP Basic.</summary>
        [Parameter]
        public SwitchParameter UseSession { get; set; }

        protected override void Run(BmcFleetRequest request)
        {
            request.ReadAuthentication = UseSession.IsPresent ? RedfishAuthentication.Session : RedfishAuthentication.Basic;
            new FirmwareVersionReport(request).Run(Sink, StopToken);
        }
    }
}
