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
        private readonly List<KeyValuePair<Uri, string?>> _downloads = new List<KeyValuePair<Uri, string?>>();

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
                _downloads.Add(new KeyValuePair<Uri, string?>(release.DownloadUri, release.Sha256));
            }
            else if (Uri != null)
            {
                _downloads.Add(new KeyValuePair<Uri, string?>(Uri, Sha256));
            }
        }

        protected override void EndProcessing()
        {
            using (var http = CreateClient())
            {
                new SaveFirmwarePackageOperation(http, new PackageSettings()) { Destination = GetUnresolvedProviderPathFromPSPath(Destination) }
                    .Run(_downloads.Select(d => new PackageRequest(d.Key, d.Value)).ToList(), Sink, StopToken);
            }
        }
    }
}
