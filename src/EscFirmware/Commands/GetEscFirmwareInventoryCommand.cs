using System.Management.Automation;
using EscFirmware.Core.Inventory;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists every firmware item in the Redfish inventory of any Redfish BMC (AMI/ASUS, HPE iLO, generic DMTF).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EscFirmwareInventory")]
    [OutputType(PSTypeNames.FirmwareInventoryItem)]
    public sealed class GetEscFirmwareInventoryCommand : EscBmcCmdlet
    {
        internal override void Run(CmdletRun run) =>
            new FirmwareInventoryReport(run.Request).Run(run.Sink, run.Stop);
    }
}
