using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.Core.Upgrades;
using EscFirmware.FakeBmc;

namespace EscFirmware.Cli.Commands
{
    /// <summary>
    /// <c>escfw demo</c>: starts simulated ESC8000 BMCs in this process and runs the main job against them: read the
    /// versions, upgrade BMC then BIOS with the host shut down and powered on again, read the versions back. The
    /// simulator's timings are shortened (seconds instead of the real minutes); every gate and check is the real one.
    /// </summary>
    internal static class DemoCommand
    {
        public static Command Create(CliContext context)
        {
            var count = new Option<int>("--count") { Description = "How many BMCs to simulate (the last one is already current).", DefaultValueFactory = _ => 3 };
            var command = new Command("demo", "Start simulated ESC8000 BMCs in-process and run a full BMC-then-BIOS upgrade against them.");
            command.Options.Add(count);
            command.SetAction(async (parse, cancellationToken) =>
            {
                var howMany = Bounds.Check(parse.GetValue(count), "--count", 2, 16);
                var work = Directory.CreateTempSubdirectory("escfw-demo-").FullName;
                var servers = new List<FakeBmcServer>();
                try
                {
                    for (var i = 0; i < howMany; i++)
                    {
                        servers.Add(await FakeBmcServer.StartAsync(SimulatedBmc(current: i == howMany - 1, hostOn: i % 2 == 0), cancellationToken).ConfigureAwait(false));
                    }
                    return Run(context, servers, work, parse.GetValue(GlobalOptions.Verbose), cancellationToken);
                }
                finally
                {
                    foreach (var server in servers) await server.DisposeAsync().ConfigureAwait(false);
                    Directory.Delete(work, recursive: true);
                }
            });
            return command;
        }

        private static int Run(CliContext context, IReadOnlyList<FakeBmcServer> servers, string work, bool verbose, CancellationToken cancellationToken)
        {
            // The simulators' folder goes when the demo ends; the audit log stays where the closing line says.
            var auditPath = Path.Combine(Path.GetTempPath(), "escfw-demo-audit-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + ".jsonl");
            var (bmcImage, biosImage) = SampleImages.Write(Path.Combine(work, "images"));
            var request = new BmcFleetRequest(servers.Select(s => BmcTarget.Parse(s.Address)),
                BmcCredential.FromPlainText(servers[0].Options.UserName, servers[0].Options.Password),
                TlsPolicy.Pin(servers.Select(s => s.CertificateSha256).ToArray()),
                BmcConnectionSettings.WithRequestTimeout(TimeSpan.FromSeconds(10)));

            context.Out.WriteLine("Started " + servers.Count + " simulated ESC8000-E12P BMCs: " + string.Join(", ", servers.Select(s => s.Address)) + ".");
            context.Out.WriteLine("Each has its own self-signed certificate; escfw pins their SHA-256 thumbprints, as you would on real BMCs.");
            context.Out.WriteLine("Timings are shortened: a BMC reboot takes seconds here, minutes on real hardware.");
            context.Out.WriteLine();
            Versions(context, request, "Before (escfw version):", cancellationToken);

            context.Out.WriteLine("Upgrading (escfw upgrade): BMC " + Path.GetFileName(bmcImage) + ", then BIOS " + Path.GetFileName(biosImage) + ".");
            context.Out.WriteLine("Hosts that are on are shut down for the BIOS write and powered on after it.");
            var options = new FirmwareUpgradeOptions
            {
                BmcImagePath = bmcImage,
                BiosImagePath = biosImage,
                ShutdownHost = true,
                PowerOn = true,
                CanaryCount = 1,
                JournalPath = Path.Combine(work, "journal"),
                AuditPath = auditPath,
                Bmc = new BmcUpdateSettings { PollInterval = TimeSpan.FromMilliseconds(250), StableReadInterval = TimeSpan.FromMilliseconds(100), RebootTimeout = TimeSpan.FromMinutes(1), StallTimeout = TimeSpan.FromSeconds(20), StateFolder = Path.Combine(work, "journal") },
                Bios = new BiosUpdateSettings { PollInterval = TimeSpan.FromMilliseconds(250), KeepAliveInterval = TimeSpan.FromSeconds(1), PostTimeout = TimeSpan.FromMinutes(1), StableBiosReads = 2 },
            };
            var sink = new CliSink(context, verbose, (_, __) => true) { Milestones = new PlainMilestones(context.Out) };
            LiveRun.Run(context, sink, allowed: true, () => new FirmwareUpgradeOperation(request, options).Run(sink, cancellationToken));
            context.Out.WriteLine();
            UpgradeCommand.Write(context, sink, json: false, request);
            Versions(context, request, "After:", cancellationToken);

            var sessions = servers.Sum(s => s.State.ActiveRedfishSessions + s.State.ActiveWebSessions);
            var latched = servers.Count(s => s.State.UpdateModeId != null);
            var violations = servers.Sum(s => s.State.HpmWizard.Violations.Count);
            context.Out.WriteLine("Sessions left open: " + sessions + ". BMCs left in update mode: " + latched + ". BIOS writes with a host on: " + violations + ".");
            context.Out.WriteLine("Audit trail: " + File.ReadLines(auditPath).Count() + " records, kept in " + auditPath);
            context.Out.WriteLine("Read them back: escfw audit --audit-path " + auditPath);
            var failed = sink.Objects.OfType<EscFirmwareUpgradeSummary>().Any(s => s.Status == UpgradeStatus.Failed || s.Status == UpgradeStatus.NotStarted);
            return failed || sessions + latched + violations > 0 ? ExitCodes.SomeTargetFailed : sink.ExitCode;
        }

        private static void Versions(CliContext context, BmcFleetRequest request, string title, CancellationToken cancellationToken)
        {
            var sink = new CliSink(context, verbose: false);
            new FirmwareVersionReport(request).Run(sink, cancellationToken);
            context.Out.WriteLine(title);
            VersionCommand.Output.Write(context, sink.Objects.OrderBy(o => ((EscFirmwareVersion)o).ComputerName), sink.Errors, json: false, request.Hosts());
        }

        /// <summary>The simulator with timings short enough for a demo: a whole upgrade in a few seconds per server.</summary>
        private static FakeBmcOptions SimulatedBmc(bool current, bool hostOn) => new()
        {
            BmcVersion = current ? "1.37.1" : "1.29.1",
            BiosVersion = current ? "0804" : "0603",
            PowerState = hostOn ? PowerState.On : PowerState.Off,
            Timings = new FakeBmcTimings
            {
                FlashStepDuration = TimeSpan.FromMilliseconds(300),
                BmcRebootDuration = TimeSpan.FromSeconds(2),
                HpmFlashDuration = TimeSpan.FromSeconds(2),
                HpmVerifyDuration = TimeSpan.FromMilliseconds(500),
                GracefulShutdownDuration = TimeSpan.FromSeconds(1),
                BiosPostDuration = TimeSpan.FromSeconds(2),
            },
        };
    }
}
