using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Packages;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Downloads a firmware package, verifies it, extracts it safely and validates the flashable .hpm image.</para>
    /// </summary>
    [Cmdlet(VerbsData.Save, "EscFirmwarePackage", SupportsShouldProcess = true, DefaultParameterSetName = "Release")]
    [OutputType(PSTypeNames.FirmwareImage)]
    public sealed class SaveEscFirmwarePackageCommand : SupportSiteCmdlet
    {
        /// <summary>Address, expected hash and folder (null: -Destination) of each download; plain types, so the field names no isolated type.</summary>
        private readonly List<Tuple<Uri, string?, string?>> _downloads = new List<Tuple<Uri, string?, string?>>();

        /// <summary>A release from Find-EscFirmware.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Release")]
        [PSTypeName(PSTypeNames.Release)]
        [ValidateNotNull]
        public PSObject? Release { get; set; }

        /// <summary>The package's download address.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Uri")]
        public Uri? Uri { get; set; }

        /// <summary>The expected SHA-256 of the package (hex); the download is refused when it differs.</summary>
        [Parameter(ParameterSetName = "Uri")]
        [ValidatePattern("^[0-9A-Fa-f]{64}$")]
        public string? Sha256 { get; set; }

        /// <summary>The folder to save into (created if missing); the current folder by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = ".";

        /// <summary>Save each release where Invoke-EscFirmwareUpgrade's package cache looks for it:
        /// &lt;cache&gt;/&lt;model&gt;/&lt;component&gt;/&lt;version&gt; (docs/package-cache.md). Instead of -Destination.</summary>
        [Parameter(ParameterSetName = "Release")]
        [ValidateNotNullOrEmpty]
        public string? PackageCachePath { get; set; }

        protected override void ProcessRecord()
        {
            if (Release != null)
            {
                var release = Release.BaseObject as EscFirmwareRelease;
                if (release?.DownloadUri == null)
                {
                    WriteError(ErrorRecords.From(new OperationError("EscReleaseHasNoDownload", ErrorKind.InvalidData,
                        $"The catalog entry {Release} has no download address.", Release.ToString(), recommendedAction: "Pick another release, or pass -Uri.")));
                    return;
                }
                var folder = PackageCachePath == null ? null
                    : PackageCache.FolderFor(GetUnresolvedProviderPathFromPSPath(PackageCachePath), release.Model, release.Component, release.Version);
                _downloads.Add(Tuple.Create(release.DownloadUri, release.Sha256, folder));
            }
            else if (Uri != null)
            {
                _downloads.Add(Tuple.Create<Uri, string?, string?>(Uri, Sha256, null));
            }
        }

        protected override void EndProcessing()
        {
            using (var http = CreateClient())
            {
                new SaveFirmwarePackageOperation(http, new PackageSettings()) { Destination = GetUnresolvedProviderPathFromPSPath(Destination) }
                    .Run(_downloads.Select(d => new PackageRequest(d.Item1, d.Item2, d.Item3)).ToList(), Sink, StopToken);
            }
        }
    }
}
