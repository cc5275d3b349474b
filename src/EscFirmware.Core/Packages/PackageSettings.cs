using System;

namespace EscFirmware.Core.Packages
{
    /// <summary>Bounds for downloading and unpacking a vendor package. Every one is a setting so tests can use small ones.</summary>
    public sealed class PackageSettings
    {
        /// <summary>The largest download accepted (ASUS BMC/BIOS zips are tens of MB).</summary>
        public long MaxDownloadBytes { get; set; } = 2L * 1024 * 1024 * 1024;
        /// <summary>The most bytes a zip may expand to, counted while copying (declared sizes are not trusted).</summary>
        public long MaxExpandedBytes { get; set; } = 4L * 1024 * 1024 * 1024;
        public int MaxEntries { get; set; } = 1000;
        /// <summary>How long to wait for the response headers.</summary>
        public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(60);
        /// <summary>How long a download may go without receiving a byte.</summary>
        public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);
    }
}
