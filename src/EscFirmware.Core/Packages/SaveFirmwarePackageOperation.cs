using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Packages
{
    /// <summary>What to save: a download address and, when known, its SHA-256 (from the catalog or the admin).</summary>
    public sealed class PackageRequest
    {
        /// <param name="folder">Where this one goes instead of the operation's destination (a package-cache folder).</param>
        public PackageRequest(Uri uri, string? sha256 = null, string? folder = null)
        {
            Uri = uri;
            Sha256 = sha256;
            Folder = folder;
        }

        /// <summary>A catalog release, saved where an upgrade's package cache looks for it (docs/package-cache.md).</summary>
        public static PackageRequest IntoCache(EscFirmwareRelease release, string? cacheFolder) =>
            new PackageRequest(release.DownloadUri!, release.Sha256, PackageCache.FolderFor(cacheFolder, release.Model, release.Component, release.Version));

        public Uri Uri { get; }
        public string? Sha256 { get; }

        public string? Folder { get; }
    }

    /// <summary>
    /// Save-EscFirmwarePackage: download (or reuse a verified copy), extract the zip safely, pick the flashable
    /// .hpm/.HPM (never the .CAP), validate it and write the <see cref="EscFirmwareImage"/>.
    /// </summary>
    public sealed class SaveFirmwarePackageOperation
    {
        private const int ProgressActivityId = 1;
        private readonly HttpClient _http;
        private readonly PackageSettings _settings;

        public SaveFirmwarePackageOperation(HttpClient http, PackageSettings settings)
        {
            _http = http;
            _settings = settings;
        }

        public string Destination { get; set; } = ".";

        /// <summary>Each download is confirmed on the caller's thread (ShouldProcess), then runs.</summary>
        public void Run(IReadOnlyList<PackageRequest> requests, IConfirmingSink sink, CancellationToken cancellationToken) =>
            FleetRunner.RunPlanned(requests, 1, r => r.Uri.ToString(),
                (request, worker, token) => Task.FromResult<HostPlan?>(new HostPlan(FolderOf(request), $"Download {request.Uri} and extract its firmware image",
                    (executeSink, executeToken) => SaveOneAsync(request, executeSink, executeToken), _ => { })),
                sink, cancellationToken);

        private string FolderOf(PackageRequest request) => Path.GetFullPath(request.Folder ?? Destination);

        /// <summary>Downloads and extracts one package; the caller has confirmed it.</summary>
        public async Task SaveOneAsync(PackageRequest request, IOperationSink sink, CancellationToken cancellationToken)
        {
            var destination = FolderOf(request);
            var package = await new PackageDownloader(_http, _settings)
                .DownloadAsync(request.Uri, destination, request.Sha256, Reporter(request.Uri, sink), cancellationToken)
                .ConfigureAwait(false);
            sink.WriteProgress(new OperationProgress(ProgressActivityId, "Downloading " + Path.GetFileName(package.Path), "Done", 100, completed: true));
            sink.WriteVerbose(package.Reused
                ? $"'{package.Path}' is already here and verified (SHA-256 {package.Sha256}); not downloaded again."
                : $"Saved '{package.Path}', SHA-256 {package.Sha256}" + (request.Sha256 != null ? " (verified)." : " (no published hash to compare)."));
            var imagePath = ImageOf(package.Path, cancellationToken);
            var image = HpmImageReader.Read(imagePath, cancellationToken: cancellationToken);
            if (!image.IsValid) sink.WriteError(TestFirmwareImageOperation.InvalidImage(image));
            else sink.WriteObject(image);
        }

        private string ImageOf(string packagePath, CancellationToken cancellationToken)
        {
            if (IsHpm(packagePath)) return packagePath;
            var folder = Path.Combine(Path.GetDirectoryName(packagePath)!, Path.GetFileNameWithoutExtension(packagePath));
            var files = SafeZipExtractor.Extract(packagePath, folder, _settings, cancellationToken);
            var images = files.Where(IsHpm).ToArray();
            if (images.Length == 1) return images[0];
            var listing = string.Join(", ", files.Select(Path.GetFileName));
            if (images.Length == 0)
            {
                throw new EscFirmwareException("EscPackageHasNoImage", ErrorKind.InvalidData,
                    $"The package '{Path.GetFileName(packagePath)}' holds no .hpm image (it holds: {listing}). A .CAP file is for EzFlash, not for the BMC.",
                    recommendedAction: "Check that this is the BMC or BIOS package for the server model.");
            }
            throw new EscFirmwareException("EscPackageHasSeveralImages", ErrorKind.InvalidData,
                $"The package '{Path.GetFileName(packagePath)}' holds {images.Length} .hpm images ({string.Join(", ", images.Select(Path.GetFileName))}); which one to flash is not clear.",
                recommendedAction: Phrase.Of($"Pick the image in '{folder}' and check it with {EscCommand.TestFirmwareImage}."));
        }

        private static bool IsHpm(string path) => string.Equals(Path.GetExtension(path), ".hpm", StringComparison.OrdinalIgnoreCase);

        private static Action<long, long?> Reporter(Uri uri, IOperationSink sink)
        {
            var name = Path.GetFileName(uri.AbsolutePath);
            var lastPercent = -2;
            return (received, total) =>
            {
                var percent = total > 0 ? (int)(received * 100 / total.Value) : -1;
                if (percent == lastPercent) return;
                lastPercent = percent;
                var status = total > 0 ? ByteSize.Text(received) + " of " + ByteSize.Text(total.Value) : ByteSize.Text(received);
                sink.WriteProgress(new OperationProgress(ProgressActivityId, "Downloading " + name, status, percent));
            };
        }
    }
}
