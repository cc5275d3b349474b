using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw simulate</c>: fake ESC8000 BMCs in the foreground, for trying the module or escfw by hand.</summary>
    internal static class SimulateCommand
    {
        public static Command Create(CliContext context)
        {
            var count = new Option<int>("--count") { Description = "How many BMCs to simulate.", DefaultValueFactory = _ => 3 };
            var basePort = new Option<int>("--base-port") { Description = "The first BMC's port; the others follow. 0 picks free ports.", DefaultValueFactory = _ => 0 };
            var scenario = new Option<string?>("--scenario") { Description = "A scenario file (JSON) with the simulated BMCs' settings; see docs/fake-bmc.md." };
            var journalPath = JournalPathOption.Create();
            var images = new Option<string?>("--images") { Description = "Write sample BMC and BIOS images the simulated BMCs accept into this folder." };
            var persona = new Option<string>("--persona")
            {
                Description = "Which BMC to simulate: ami (ASUS ESC8000, AMI MegaRAC), generic-dmtf (a plain DMTF Redfish service) or hpe-ilo (HPE iLO 6 with its update service).",
                DefaultValueFactory = _ => "ami",
            };
            persona.AcceptOnlyFromAmong("ami", "generic-dmtf", "hpe-ilo");
            var command = new Command("simulate", "Run simulated ESC8000 BMCs (HTTPS on 127.0.0.1) until Ctrl+C.");
            command.Options.Add(count);
            command.Options.Add(basePort);
            command.Options.Add(scenario);
            command.Options.Add(journalPath);
            command.Options.Add(images);
            command.Options.Add(persona);
            command.SetAction(async (parse, cancellationToken) =>
            {
                var howMany = parse.GetValue(count);
                if (howMany < 1 || howMany > 1000) throw new UsageException("--count must be between 1 and 1000.");
                var path = parse.GetValue(scenario);
                var kind = PersonaOf(parse.GetValue(persona));
                var template = path == null ? FakeBmcOptions.ForPersona(kind) : FakeBmcOptions.FromScenarioFile(path);
                if (path != null && kind != FakePersona.AmiEsc8000) template = template with { Persona = kind };
                await using var fleet = await FakeBmcFleet.StartAsync(howMany, parse.GetValue(basePort), template, cancellationToken).ConfigureAwait(false);
                context.Out.WriteLine("Simulated " + Describe(template.Persona) + " (user '" + template.UserName + "', password '" + template.Password + "'; self-signed certificates):");
                foreach (var server in fleet.Servers)
                {
                    context.Out.WriteLine("  " + server.Address + "  SHA-256 " + server.CertificateSha256);
                }
                SimulatedRescueJournal.Write(fleet.Servers, parse.GetValue(journalPath), context);
                if (parse.GetValue(images) is string imageFolder)
                {
                    var (bmcImage, biosImage) = SampleImages.Write(imageFolder, template.Persona);
                    context.Out.WriteLine("Sample images: BMC " + bmcImage + ", BIOS " + biosImage);
                }
                context.Out.WriteLine("Try: ESC_BMC_PASSWORD='" + template.Password + "' escfw version --bmc " + fleet.Servers[0].Address + " --certificate-thumbprint " + fleet.Servers[0].CertificateSha256);
                context.Out.WriteLine("Press Ctrl+C to stop.");
                context.Out.Flush();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    context.Out.WriteLine("Stopping.");
                }
                return ExitCodes.Success;
            });
            return command;
        }

        private static FakePersona PersonaOf(string? name) => name switch
        {
            "generic-dmtf" => FakePersona.GenericDmtf,
            "hpe-ilo" => FakePersona.HpeIlo,
            _ => FakePersona.AmiEsc8000,
        };

        private static string Describe(FakePersona persona) => persona switch
        {
            FakePersona.GenericDmtf => "generic DMTF Redfish BMCs",
            FakePersona.HpeIlo => "HPE iLO 6 BMCs",
            _ => "ESC8000 BMCs",
        };
    }
}
