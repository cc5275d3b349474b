using System.CommandLine;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw version</c>: the twin of Get-EscFirmwareVersion.</summary>
    internal static class VersionCommand
    {
        public static readonly VerbOutput Output = new VerbOutput(
            new JsonShape(new[] { "ComputerName", "Manufacturer", "Model", "BmcVersion", "BiosVersion", "PowerState", "ActiveBmcImage", "BmcImage1Version", "BmcImage2Version", "Dialect" }),
            new[] { "ComputerName", "Model", "BmcVersion", "BiosVersion", "PowerState", "ActiveBmcImage", "Status" });

        public static Command Create(CliContext context)
        {
            var options = new BmcOptions(BmcFleetRequest.MaxReadThrottleLimit);
            var useSession = new Option<bool>("--use-session") { Description = "Read through a Redfish session (a login and a logout more per BMC) instead of HTTP Basic." };
            var command = new Command("version", "Read BMC firmware, BIOS, host power state and both BMC image slots (Get-EscFirmwareVersion).");
            options.AddTo(command);
            command.Options.Add(useSession);
            command.SetAction((parse, cancellationToken) =>
            {
                var request = options.BuildRequest(parse, context);
                request.ReadAuthentication = parse.GetValue(useSession) ? RedfishAuthentication.Session : RedfishAuthentication.Basic;
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose));
                new FirmwareVersionReport(request).Run(sink, cancellationToken);
                Output.Write(context, sink, parse.GetValue(options.Json), request.Hosts());
                return Task.FromResult(sink.ExitCode);
            });
            return command;
        }
    }
}
