using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.Core.Versions;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Upgrades.Paths
{
    /// <summary>
    /// The packages of path steps, each fetched into the package cache (or found there, verified), unpacked and its image
    /// validated once per run, however many servers need it. A package that holds another version than the catalog
    /// says is refused.
    /// </summary>
    internal sealed class StepPackages
    {
        private readonly HttpClient? _http;
        private readonly PackageSettings _settings;
        private readonly string? _cacheFolder;
        private readonly bool _force;
        private readonly ConcurrentDictionary<EscFirmwareRelease, Lazy<Task<StepImage>>> _images = new ConcurrentDictionary<EscFirmwareRelease, Lazy<Task<StepImage>>>();

        public StepPackages(HttpClient? http, PackageSettings settings, string? cacheFolder, bool force)
        {
            _http = http;
            _settings = settings;
            _cacheFolder = cacheFolder;
            _force = force;
        }

        public Task<StepImage> GetAsync(EscFirmwareRelease release, IOperationSink sink, CancellationToken cancellationToken) =>
            _images.GetOrAdd(release, r => new Lazy<Task<StepImage>>(() => FetchAsync(r, sink, cancellationToken))).Value;

        private async Task<StepImage> FetchAsync(EscFirmwareRelease release, IOperationSink sink, CancellationToken cancellationToken)
        {
            var name = release.Component + " " + release.Version;
            if (release.DownloadUri == null) throw Unusable(release, "the catalog gives no download address for it");
            var http = _http ?? throw new InvalidOperationException("Fetching packages needs a support-site client.");
            sink.WriteVerbose("Fetching " + name + " for " + release.Model + " from " + release.DownloadUri + ".");
            var saved = new CapturingSink(sink);
            await new SaveFirmwarePackageOperation(http, _settings).SaveOneAsync(PackageRequest.IntoCache(release, _cacheFolder), saved, cancellationToken).ConfigureAwait(false);
            var image = saved.Objects.OfType<EscFirmwareImage>().SingleOrDefault()
                ?? throw Unusable(release, saved.Errors.Count > 0 ? saved.Errors[0].Message : "the package held no usable image");
            if (FirmwareVersion.Compare(image.Version, release.Version) != VersionOrder.Same)
            {
                throw Unusable(release, "the package holds a " + image.Kind + " image of version " + (image.Version ?? "unknown") + " ('" + image.Path + "')");
            }
            if (release.Component == FirmwareComponent.Bmc)
            {
                var check = ImageCheck.Read(image.Path, _force, cancellationToken);
                check.ThrowIfUnusable();
                return new StepImage(check, null);
            }
            return new StepImage(null, BiosImagePlan.Read(image.Path, _force, cancellationToken));
        }

        private static EscFirmwareException Unusable(EscFirmwareRelease release, string why) =>
            new EscFirmwareException("EscStepPackageUnusable", ErrorKind.InvalidData,
                "The package of " + release.Component + " " + release.Version + " for " + release.Model + " cannot be used: " + why + ". Nothing was written to any BMC.",
                recommendedAction: Phrase.Of($"Check the catalog entry and the package ({EscCommand.SaveFirmwarePackage}, {EscCommand.TestFirmwareImage}), then run again."));
    }

    /// <summary>A step's validated image: a BMC image check or a BIOS image plan.</summary>
    internal sealed class StepImage
    {
        public StepImage(ImageCheck? bmc, BiosImagePlan? bios)
        {
            Bmc = bmc;
            Bios = bios;
        }

        public ImageCheck? Bmc { get; }
        public BiosImagePlan? Bios { get; }
        public EscFirmwareImage Image => (Bmc?.Image ?? Bios?.Image)!;
    }
}
