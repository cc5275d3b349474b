using System.Management.Automation;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads BMC firmware, BIOS, host power state and both BMC image slots of ASUS ESC servers.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EscFirmwareVersion")]
    [OutputType(typeof(EscFirmwareVersion))]
    public sealed class GetEscFirmwareVersionCommand : EscBmcCmdlet
    {
        protected override void Run(BmcFleetRequest request) =>
            new FirmwareVersionReport(request).Run(Sink, StopToken);
    }
}
