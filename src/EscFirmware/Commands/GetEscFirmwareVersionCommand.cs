using System.Management.Automation;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
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
        internal override void Run(CmdletRun run) =>
            new FirmwareVersionReport(run.Request).Run(run.Sink, run.Stop);
    }
}
