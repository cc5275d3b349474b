using System.CommandLine;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Upgrades.Paths;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw path</c>: the twin of Get-EscUpgradePath. Plans from the catalog alone; no BMC is contacted.</summary>
    internal static class PathCommand
    {
        /// <summary>Each path with its steps, one object per flash in order (the release's constraint in words).</summary>
        public static readonly VerbOutput Output = new VerbOutput(
            new JsonShape(new[] { "ComputerName", "Model", "BmcFrom", "BmcTarget", "BiosFrom", "BiosTarget", "StepCount", "Path" },
                extras: ("Steps", item => item is EscUpgradePath path ? Steps(path) : null)),
            new[] { "ComputerName", "Model", "StepCount", "Path" });

        private static JsonArray Steps(EscUpgradePath path)
        {
            var steps = new JsonArray();
            foreach (var step in path.Steps)
            {
                steps.Add(new JsonObject
                {
                    ["Index"] = step.Index,
                    ["Component"] = step.Component.ToString(),
                    ["FromVersion"] = step.FromVersion,
                    ["ToVersion"] = step.ToVersion,
                    ["IsDowngrade"] = step.IsDowngrade,
                    ["Requirement"] = step.Requirement,
                    ["DownloadUri"] = step.Release.DownloadUri?.ToString(),
                });
            }
            return steps;
        }

        public static Command Create(CliContext context)
        {
            var options = new SupportSiteOptions();
            var computerName = new Option<string?>("--computer-name") { Description = "The server the versions belong to (labels the path)." };
            var bmcVersion = new Option<string?>("--bmc-version") { Description = "The running BMC version the path starts at." };
            var biosVersion = new Option<string?>("--bios-version") { Description = "The running BIOS version the path starts at." };
            var latest = new Option<bool>("--latest") { Description = "End every component without a named target at its newest release." };
            var targetBmc = new Option<string?>("--target-bmc-version") { Description = "End the BMC at this release." };
            var targetBios = new Option<string?>("--target-bios-version") { Description = "End the BIOS at this release." };
            var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Plan a path to an older release (same constraints)." };
            var json = new Option<bool>("--json") { Description = "Print one JSON array with an object per path." };
            var command = new Command("path", "Show the releases a server must go through to reach its target firmware, from the catalog alone (Get-EscUpgradePath).");
            options.AddTo(command, withCatalog: true);
            foreach (var option in new Option[] { computerName, bmcVersion, biosVersion, latest, targetBmc, targetBios, allowDowngrade, json }) command.Options.Add(option);
            command.SetAction((parse, cancellationToken) =>
            {
                var model = options.RequireModel(parse);
                var targets = new UpgradeTargets
                {
                    Latest = parse.GetValue(latest), BmcVersion = parse.GetValue(targetBmc), BiosVersion = parse.GetValue(targetBios), AllowDowngrade = parse.GetValue(allowDowngrade),
                };
                if (!targets.Any) throw new UsageException("give --latest, --target-bmc-version, --target-bios-version, or a combination.");
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose));
                using (var http = parse.GetValue(options.CatalogPath) == null ? options.CreateClient(parse) : null)
                {
                    var planner = new CatalogPathPlanner(options.Catalog(parse, http), targets);
                    var input = new UpgradePathInput { ComputerName = parse.GetValue(computerName) ?? string.Empty, Model = model, BmcVersion = parse.GetValue(bmcVersion), BiosVersion = parse.GetValue(biosVersion) };
                    new GetUpgradePathOperation(planner).Run(new[] { input }, sink, cancellationToken);
                }
                Output.Write(context, sink, parse.GetValue(json), parse.GetValue(computerName) is string host ? new[] { host } : null);
                return Task.FromResult(sink.ExitCode);
            });
            return command;
        }
    }
}
