using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Packages;
using EscFirmware.Core.State;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>
    /// -Model M -Latest: finds the model's newest BMC and BIOS releases (ASUS support site or a local catalog file) and
    /// fetches them into the package cache through the same steps as Find-EscFirmware and Save-EscFirmwarePackage.
    /// A verified package already in the cache is not downloaded again.
    /// </summary>
    internal sealed class LatestReleaseResolver
    {
        private readonly FirmwareUpgradeOptions _options;
        private readonly HttpClient _http;

        public LatestReleaseResolver(FirmwareUpgradeOptions options, HttpClient http)
        {
            _options = options;
            _http = http;
        }

        public string CacheFolder => string.IsNullOrEmpty(_options.PackageCachePath) ? Path.Combine(StateFolder.Default, "packages") : _options.PackageCachePath!;

        /// <summary>Sets the options' image paths to the fetched images of the newest releases.</summary>
        public async Task ResolveAsync(IOperationSink sink, CancellationToken cancellationToken)
        {
            var model = _options.Model ?? throw new EscFirmwareException("EscModelRequired", ErrorKind.InvalidArgument,
                Phrase.Of($"{EscParameter.Latest} needs {EscParameter.Model} to know which server's releases to look up."),
                recommendedAction: Phrase.Of($"Pass {EscParameter.Model.With("ESC8000-E12P")} (the model {EscCommand.GetFirmwareVersion} reports)."));
            var found = new CapturingSink(sink);
            await new FindFirmwareOperation(_http, _options.Catalog) { CatalogPath = _options.CatalogPath }.FindOneAsync(model, found, cancellationToken).ConfigureAwait(false);
            if (found.Errors.Count > 0) throw Unresolved(model, found.Errors[0].Message);
            var releases = found.Objects.OfType<EscFirmwareRelease>().ToList();
            _options.BmcImagePath ??= await FetchAsync(releases, FirmwareComponent.Bmc, sink, cancellationToken).ConfigureAwait(false);
            _options.BiosImagePath ??= await FetchAsync(releases, FirmwareComponent.Bios, sink, cancellationToken).ConfigureAwait(false);
        }

        private async Task<string?> FetchAsync(System.Collections.Generic.List<EscFirmwareRelease> releases, FirmwareComponent component, IOperationSink sink, CancellationToken cancellationToken)
        {
            // The catalog lists newest first; only released files count.
            var newest = releases.FirstOrDefault(r => r.Component == component);
            if (newest == null)
            {
                sink.WriteWarning("The catalog has no " + component + " release for " + _options.Model + "; the " + component + " is left as it is.");
                return null;
            }
            if (newest.DownloadUri == null) throw Unresolved(_options.Model!, "the newest " + component + " release " + newest.Version + " has no download address");
            sink.WriteVerbose("Newest " + component + " release for " + _options.Model + ": " + newest.Version + " (" + newest.ReleaseDate + "), " + newest.DownloadUri + ".");
            // Under -WhatIf nothing is written anywhere, the package cache included.
            var saved = new CapturingSink(sink);
            var save = new SaveFirmwarePackageOperation(_http, _options.Packages) { Destination = Path.Combine(CacheFolder, _options.Model!, component.ToString(), newest.Version ?? "unknown") };
            if (!_options.WhatIf) await save.SaveOneAsync(new PackageRequest(newest.DownloadUri, newest.Sha256), saved, cancellationToken).ConfigureAwait(false);
            var image = saved.Objects.OfType<EscFirmwareImage>().SingleOrDefault();
            if (image == null && _options.WhatIf)
            {
                throw new EscFirmwareException("EscLatestNotFetched", ErrorKind.InvalidOperation,
                    Phrase.Of($"{EscParameter.WhatIf} downloads nothing, and the plan needs the image: {component} {newest.Version} for {_options.Model} would be fetched from {newest.DownloadUri}."),
                    recommendedAction: Phrase.Of($"Fetch it first with {EscCommand.SaveFirmwarePackage} (or run without {EscParameter.WhatIf}), then plan with {EscParameter.BmcImage}/{EscParameter.BiosImage}."));
            }
            if (image == null) throw Unresolved(_options.Model!, saved.Errors.Count > 0 ? saved.Errors[0].Message : "the package held no usable image");
            return image.Path;
        }

        private static EscFirmwareException Unresolved(string model, string why) =>
            new EscFirmwareException("EscLatestReleaseUnavailable", ErrorKind.ResourceUnavailable,
                "The latest firmware for " + model + " could not be resolved: " + why + ".",
                recommendedAction: Phrase.Of($"Check the model name and the network path to the support site, or pass {EscParameter.CatalogPath} with a local catalog, or give {EscParameter.BmcImage}/{EscParameter.BiosImage}."));
    }
}
