using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Packages;

namespace EscFirmware.Cli.Commands
{
    /// <summary>
    /// <c>escfw package save</c>: the twin of Save-EscFirmwarePackage, from <c>--uri</c> or from the catalog
    /// (<c>--model</c>, like <c>Find-EscFirmware | Save-EscFirmwarePackage</c>).
    /// </summary>
    internal static class PackageCommand
    {
        public static Command Create(CliContext context)
        {
            var options = new SupportSiteOptions();
            var uri = new Option<string?>("--uri") { Description = "The package's download address." };
            var sha256 = new Option<string?>("--sha256") { Description = "The package's expected SHA-256 (with --uri)." };
            var destination = new Option<string?>("--destination") { Description = "The folder to save into (default: the current folder)." };
            var packageCache = new Option<string?>("--package-cache") { Description = "With --model: save each release where upgrade --latest looks for it, <cache>/<model>/<component>/<version> (docs/package-cache.md)." };
            var whatIf = new Option<bool>("--whatif") { Description = "Say what would be downloaded; download nothing." };
            var json = new Option<bool>("--json") { Description = "Print one JSON array with an object per saved image." };
            var save = new Command("save", "Download a package, verify it, extract it safely and validate its .hpm image (Save-EscFirmwarePackage).");
            options.AddTo(save, withCatalog: true);
            foreach (var option in new Option[] { uri, sha256, destination, packageCache, whatIf, json }) save.Options.Add(option);
            save.SetAction((parse, cancellationToken) =>
            {
                var dryRun = parse.GetValue(whatIf);
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose), (target, action) =>
                {
                    if (dryRun) context.Error.WriteLine("What if: " + action + " into " + target);
                    return !dryRun;
                });
                var cache = parse.GetValue(packageCache);
                if (cache != null && (parse.GetValue(uri) != null || parse.GetValue(destination) != null)) throw new UsageException("--package-cache takes releases from the catalog (--model); it excludes --uri and --destination.");
                using (var http = options.CreateClient(parse))
                {
                    var requests = parse.GetValue(uri) is string address
                        ? new[] { new PackageRequest(SupportSiteOptions.AbsoluteUri(address, "--uri"), parse.GetValue(sha256)) }
                        : FromCatalog(parse, options, http, context, sink, cache == null ? null : Path.GetFullPath(cache), cancellationToken);
                    var operation = new SaveFirmwarePackageOperation(http, new PackageSettings()) { Destination = parse.GetValue(destination) ?? "." };
                    LiveRun.Run(context, sink, !parse.GetValue(json) && !dryRun, () => operation.Run(requests, sink, cancellationToken));
                }
                ImageCommand.Output.Write(context, sink, parse.GetValue(json));
                return Task.FromResult(sink.ExitCode);
            });
            var package = new Command("package", "Work with vendor firmware packages.");
            package.Subcommands.Add(save);
            return package;
        }

        /// <param name="cache">Where upgrade's package cache is, to save each release where it looks; null: into the destination.</param>
        private static PackageRequest[] FromCatalog(ParseResult parse, SupportSiteOptions options, System.Net.Http.HttpClient http, CliContext context, CliSink sink, string? cache, System.Threading.CancellationToken cancellationToken)
        {
            var model = options.RequireModel(parse);
            var found = new CliSink(context, false);
            options.FindOperation(parse, http).Run(new[] { model }, found, cancellationToken);
            foreach (var error in found.Errors) sink.Errors.Add(error);
            return found.Objects.OfType<EscFirmwareRelease>().Where(r => r.DownloadUri != null)
                .Select(r => cache != null ? PackageRequest.IntoCache(r, cache) : new PackageRequest(r.DownloadUri!, r.Sha256)).ToArray();
        }
    }
}
