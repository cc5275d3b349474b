using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.FakeBmc;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw demo</c>: starts simulated BMCs in this process and runs the main job against them.</summary>
    internal static class DemoCommand
    {
        public static Command Create(CliContext context)
        {
            var count = new Option<int>("--count") { Description = "How many BMCs to simulate.", DefaultValueFactory = _ => 3 };
            var command = new Command("demo", "Start simulated ESC8000 BMCs in-process and run the main job against them.");
            command.Options.Add(count);
            command.SetAction(async (parse, cancellationToken) =>
            {
                var howMany = parse.GetValue(count);
                if (howMany < 1 || howMany > 64) throw new UsageException("--count must be between 1 and 64.");
                await using var fleet = await FakeBmcFleet.StartAsync(howMany, 0, new FakeBmcOptions(), cancellationToken).ConfigureAwait(false);
                context.Out.WriteLine("Started " + howMany + " simulated ESC8000-E12P BMCs on " + string.Join(", ", fleet.Servers.Select(s => s.Address)) + ".");
                context.Out.WriteLine("Each has its own self-signed certificate; escfw pins their SHA-256 thumbprints, as you would on real BMCs.");
                context.Out.WriteLine();

                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose));
                var request = new BmcFleetRequest(fleet.Servers.Select(s => BmcTarget.Parse(s.Address)),
                    BmcCredential.FromPlainText(fleet.Servers[0].Options.UserName, fleet.Servers[0].Options.Password),
                    TlsPolicy.Pin(fleet.Servers.Select(s => s.CertificateSha256).ToArray()));
                new FirmwareVersionReport(request).Run(sink, cancellationToken);
                context.Out.WriteLine("escfw version (Get-EscFirmwareVersion):");
                ResultWriter.WriteTable(context, sink.Objects, VersionCommand.TableColumns);
                context.Out.WriteLine();
                context.Out.WriteLine("Sessions left open on the simulated BMCs: " + fleet.Servers.Sum(s => s.State.ActiveRedfishSessions + s.State.ActiveWebSessions) + ".");
                return sink.ExitCode;
            });
            return command;
        }
    }
}
