using System;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;

namespace EscFirmware.Core.Catalog
{
    /// <summary>One downloadable BMC or BIOS release for a model (Find-EscFirmware's output).</summary>
    public sealed class EscFirmwareRelease
    {
        public string Model { get; set; } = string.Empty;
        public FirmwareComponent Component { get; set; }
        public string Version { get; set; } = string.Empty;
        public DateTime? ReleaseDate { get; set; }
        /// <summary>The size as the catalog writes it ("64.26 MB").</summary>
        public string? Size { get; set; }
        /// <summary>The size read from <see cref="Size"/>, approximate (the catalog rounds); null when it cannot be read.</summary>
        public long? SizeBytes { get; set; }
        public Uri? DownloadUri { get; set; }
        /// <summary>Lower-case hex when the catalog publishes one; ASUS often leaves it empty.</summary>
        public string? Sha256 { get; set; }
        public string ReleaseNotes { get; set; } = string.Empty;
        public string Title { get; set; } = string.Empty;
        /// <summary>False for entries the catalog marks as not released (IsRelease "0").</summary>
        public bool IsRelease { get; set; } = true;

        /// <summary>The oldest running version of this component the release may be flashed over; null when none is known.</summary>
        public string? MinimumFromVersion { get; set; }
        public ConstraintSource MinimumFromVersionSource { get; set; }

        /// <summary>For a BIOS release: the BMC version the BMC must run before this BIOS is flashed; null when none is known.</summary>
        public string? MinimumBmcVersion { get; set; }
        public ConstraintSource MinimumBmcVersionSource { get; set; }

        public override string ToString() => Model + " " + Component + " " + Version;
    }
}
