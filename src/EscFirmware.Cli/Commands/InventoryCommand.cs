using System.CommandLine;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Inventory;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw inventory</c>: the twin of Get-EscFirmwareInventory.</summary>
    internal static class InventoryCommand
    {
        public static readonly VerbOutput Output = new VerbOutput(
            new JsonShape(new[] { "ComputerName", "Dialect", "Id", "Name", "Version", "Updateable", "SoftwareId", "LowestSupportedVersion", "RelatedItem", "Uri" }),
            new[] { "ComputerName", "Dialect", "Id", "Name", "Version", "Updateable" });

        public static Command Create(CliContext context)
        {
            var options = new BmcOptions();
            var command = new Command("inventory", "List every firmware item in the Redfish inventory of any Redfish BMC: AMI/ASUS, HPE iLO, generic DMTF (Get-EscFirmwareInventory).");
            options.AddTo(command);
            command.SetAction((parse, cancellationToken) =>
            {
                var request = options.BuildRequest(parse, context);
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose));
                new FirmwareInventoryReport(request).Run(sink, cancellationToken);
                Output.Write(context, sink, parse.GetValue(options.Json), request.Hosts());
                return Task.FromResult(sink.ExitCode);
            });
            return command;
        }
    }
}
