using System.CommandLine;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw catalog --model M</c>: the twin of Find-EscFirmware.</summary>
    internal static class CatalogCommand
    {
        public static readonly VerbOutput Output = new VerbOutput(
            new JsonShape(new[] { "Model", "Component", "Version", "ReleaseDate", "Size", "SizeBytes", "DownloadUri", "Sha256", "Title", "IsRelease", "ReleaseNotes" }),
            new[] { "Model", "Component", "Version", "ReleaseDate", "Size", "DownloadUri" });

        public static Command Create(CliContext context)
        {
            var options = new SupportSiteOptions();
            var all = new Option<bool>("--all") { Description = "Every entry, older and unreleased ones included." };
            var json = new Option<bool>("--json") { Description = "Print one JSON array with an object per release." };
            var command = new Command("catalog", "Find the newest BMC and BIOS releases for a model in the ASUS catalog or a local catalog file (Find-EscFirmware).");
            options.AddTo(command, withCatalog: true);
            command.Options.Add(all);
            command.Options.Add(json);
            command.SetAction((parse, cancellationToken) =>
            {
                var model = options.RequireModel(parse);
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose));
                using (var http = parse.GetValue(options.CatalogPath) == null ? options.CreateClient(parse) : null)
                {
                    var find = options.FindOperation(parse, http);
                    find.All = parse.GetValue(all);
                    find.Run(new[] { model }, sink, cancellationToken);
                }
                Output.Write(context, sink, parse.GetValue(json));
                return Task.FromResult(sink.ExitCode);
            });
            return command;
        }
    }
}
