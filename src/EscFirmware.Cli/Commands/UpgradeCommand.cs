using EscFirmware.Core.Operations;
using System.Text.Json.Nodes;
using System.Collections.Generic;
using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.Core.Upgrades;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw upgrade</c>: the twin of Invoke-EscFirmwareUpgrade.</summary>
    internal static class UpgradeCommand
    {
        /// <summary>Each flash of the path: the shape of <c>escfw update bmc</c> plus the path step it belongs to.</summary>
        private static readonly VerbOutput StepResults = new VerbOutput(
            new JsonShape(new[]
            {
                "ComputerName", "Component", "Step", "FromVersion", "ToVersion", "Status", "Phase", "Duration", "HostPowerState", "TaskUri", "Message", "ErrorId",
            }),
            new[] { "ComputerName", "Component", "Step", "FromVersion", "ToVersion", "Status", "Phase", "Duration" },
            new[] { "Message" });

        private static readonly string[] SummaryProperties = { "ComputerName", "BmcFrom", "BmcTo", "BiosFrom", "BiosTo", "Status", "Duration", "Message" };

        /// <summary>One object per server: its summary, the ErrorId of its failed step, and its per-component results.</summary>
        public static VerbOutput Output(IReadOnlyList<EscFirmwareUpdateResult> results) => new VerbOutput(
            new JsonShape(SummaryProperties,
                failure: item => item is EscFirmwareUpgradeSummary summary ? (FailedStep(results, summary)?.ErrorId ?? "EscFirmwareUpgradeFailed", summary.Message ?? string.Empty, null) : null,
                extras: new (string, Func<object, JsonNode?>)[]
                {
                    ("ErrorId", item => item is EscFirmwareUpgradeSummary summary ? FailedStep(results, summary)?.ErrorId : null),
                    ("Results", item => item is EscFirmwareUpgradeSummary summary
                        ? StepResults.Json.Build(results.Where(r => r.ComputerName == summary.ComputerName), Array.Empty<OperationError>(), Array.Empty<string>())
                        : null),
                }),
            new[] { "ComputerName", "BmcFrom", "BmcTo", "BiosFrom", "BiosTo", "Status", "Duration" },
            new[] { "Message" });

        private static EscFirmwareUpdateResult? FailedStep(IEnumerable<EscFirmwareUpdateResult> results, EscFirmwareUpgradeSummary summary) =>
            results.FirstOrDefault(r => r.ComputerName == summary.ComputerName && r.Status == UpdateStatus.Failed);

        public static Command Create(CliContext context)
        {
            var bmc = new BmcOptions();
            var confirm = new ConfirmationOptions();
            var bmcPath = new Option<string?>("--bmc-path") { Description = "The BMC .hpm image." };
            var biosPath = new Option<string?>("--bios-path") { Description = "The BIOS .HPM image." };
            var model = new Option<string?>("--model") { Description = "The server model (with --latest: whose releases to fetch); checked against each server." };
            var latest = new Option<bool>("--latest") { Description = "Bring every component without a named target to its newest release, through the intermediate releases its upgrade path needs." };
            var targetBmc = new Option<string?>("--target-bmc-version") { Description = "Bring the BMC to this catalog release, along its upgrade path." };
            var targetBios = new Option<string?>("--target-bios-version") { Description = "Bring the BIOS to this catalog release, along its upgrade path." };
            var catalogPath = new Option<string?>("--catalog-path") { Description = "Through the catalog: a local catalog file instead of the support site." };
            var packageCache = new Option<string?>("--package-cache") { Description = "Through the catalog: where packages are kept." };
            var shutdownHost = new Option<bool>("--shutdown-host") { Description = "Shut running hosts down gracefully before the BIOS flash." };
            var forceOffAfter = new Option<int?>("--force-off-after-sec") { Description = "Force the power off when a host is still on this long after GracefulShutdown." };
            var powerOn = new Option<bool>("--power-on") { Description = "Power hosts on after the BIOS flash and verify the BIOS after POST." };
            var force = new Option<bool>("--force") { Description = "Reinstall versions already installed." };
            var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Install older versions." };
            var canary = new Option<int>("--canary") { Description = "The first K servers must all succeed before any other starts.", DefaultValueFactory = _ => 0 };
            var maxFailures = new Option<int?>("--max-failures") { Description = "After N failed servers no new server starts." };
            var pollInterval = new Option<int>("--poll-interval-sec") { Description = "Seconds between polls.", DefaultValueFactory = _ => 10 };
            var rebootTimeout = new Option<int>("--reboot-timeout-sec") { Description = "How long a BMC may take to come back after its flash.", DefaultValueFactory = _ => 1200 };
            var uploadTimeout = new Option<int>("--upload-timeout-sec") { Description = "How long the BMC image upload may take.", DefaultValueFactory = _ => 1800 };
            var postTimeout = new Option<int>("--post-timeout-sec") { Description = "How long the first POST after the BIOS flash may take.", DefaultValueFactory = _ => 1200 };
            var auditPath = new Option<string?>("--audit-path") { Description = "The audit log (default: audit.jsonl in the state folder)." };
            var journalPath = new Option<string?>("--journal-path") { Description = "Folder for the per-BMC journals." };
            var mirror = new MirrorTrustOptions();

            var command = new Command("upgrade", "Bring servers to the given BMC and BIOS firmware, BMC first, in rolling waves (Invoke-EscFirmwareUpgrade).");
            bmc.AddTo(command);
            confirm.AddTo(command);
            mirror.AddTo(command);
            foreach (var option in new Option[] { bmcPath, biosPath, model, latest, targetBmc, targetBios, catalogPath, packageCache, shutdownHost, forceOffAfter, powerOn, force, allowDowngrade, canary, maxFailures, pollInterval, rebootTimeout, uploadTimeout, postTimeout, auditPath, journalPath })
            {
                command.Options.Add(option);
            }
            command.SetAction((parse, cancellationToken) =>
            {
                var policy = confirm.Policy(parse, context);
                var throughCatalog = parse.GetValue(latest) || parse.GetValue(targetBmc) != null || parse.GetValue(targetBios) != null;
                if (throughCatalog && parse.GetValue(model) == null) throw new UsageException("--latest, --target-bmc-version and --target-bios-version need --model.");
                if (throughCatalog && (parse.GetValue(bmcPath) != null || parse.GetValue(biosPath) != null)) throw new UsageException("catalog targets (--latest, --target-*-version) and --bmc-path/--bios-path exclude each other.");
                if (!throughCatalog && mirror.Given(parse)) throw new UsageException("--ca-certificate and --mirror-certificate-thumbprint are for the catalog and packages of --latest and --target-*-version.");
                if (!throughCatalog && parse.GetValue(bmcPath) == null && parse.GetValue(biosPath) == null) throw new UsageException("give --bmc-path, --bios-path or both, or --model M with --latest or --target-bmc-version/--target-bios-version.");
                var forceOff = parse.GetValue(forceOffAfter);
                if (forceOff.HasValue) Bounds.Check(forceOff.Value, "--force-off-after-sec", 1, 3600);
                var poll = Bounds.Check(parse.GetValue(pollInterval), "--poll-interval-sec", 1, 300);
                var options = new FirmwareUpgradeOptions
                {
                    BmcImagePath = FullPath(parse.GetValue(bmcPath)),
                    BiosImagePath = FullPath(parse.GetValue(biosPath)),
                    Model = parse.GetValue(model),
                    Latest = parse.GetValue(latest),
                    TargetBmcVersion = parse.GetValue(targetBmc),
                    TargetBiosVersion = parse.GetValue(targetBios),
                    CatalogPath = FullPath(parse.GetValue(catalogPath)),
                    PackageCachePath = FullPath(parse.GetValue(packageCache)),
                    ShutdownHost = parse.GetValue(shutdownHost),
                    PowerOn = parse.GetValue(powerOn),
                    Force = parse.GetValue(force),
                    AllowDowngrade = parse.GetValue(allowDowngrade),
                    WhatIf = confirm.IsWhatIf(parse),
                    CanaryCount = Bounds.Check(parse.GetValue(canary), "--canary", 0, 1000),
                    MaxFailures = parse.GetValue(maxFailures) is int budget ? Bounds.Check(budget, "--max-failures", 1, 100000) : int.MaxValue,
                    AuditPath = FullPath(parse.GetValue(auditPath)),
                    JournalPath = FullPath(parse.GetValue(journalPath)),
                    Bmc = BmcUpdateSettings.FromSeconds(poll, Bounds.Check(parse.GetValue(rebootTimeout), "--reboot-timeout-sec", 60, 7200), Bounds.Check(parse.GetValue(uploadTimeout), "--upload-timeout-sec", 30, 14400)),
                    Bios = BiosUpdateSettings.FromSeconds(poll, Bounds.Check(parse.GetValue(postTimeout), "--post-timeout-sec", 10, 7200), forceOff),
                };
                var request = bmc.BuildRequest(parse, context);
                var json = parse.GetValue(bmc.Json);
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose), policy);
                using (var supportSite = throughCatalog ? mirror.CreateClient(parse) : null)
                {
                    LiveRun.Run(context, sink, !json && confirm.IsUnattended(parse), () => new FirmwareUpgradeOperation(request, options, supportSite).Run(sink, cancellationToken));
                }
                Write(context, sink, json, request);
                var failed = sink.Objects.OfType<EscFirmwareUpgradeSummary>().Any(s => s.Status == UpgradeStatus.Failed || s.Status == UpgradeStatus.NotStarted);
                return Task.FromResult(failed ? ExitCodes.SomeTargetFailed : sink.ExitCode);
            });
            return command;
        }

        /// <summary>JSON: one object per server. Table: the per-component results, then the per-server summaries.</summary>
        public static void Write(CliContext context, CliSink sink, bool json, BmcFleetRequest request)
        {
            var results = sink.Objects.OfType<EscFirmwareUpdateResult>().ToList();
            var summaries = sink.Objects.OfType<EscFirmwareUpgradeSummary>().ToList();
            if (!json) StepResults.Write(context, results, Array.Empty<OperationError>(), json: false);
            Output(results).Write(context, summaries, sink.Errors, json, request.Hosts());
        }

        private static string? FullPath(string? path) => path == null ? null : Path.GetFullPath(path);
    }
}
