namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>What Invoke-EscBiosUpdate / <c>escfw update bios</c> asked for.</summary>
    public sealed class BiosUpdateOptions
    {
        /// <summary>The BIOS <c>.HPM</c> file (from the BIOS zip; the <c>.CAP</c> is EzFlash-only).</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>Reinstall the same version.</summary>
        public bool Force { get; set; }

        /// <summary>Install an older version.</summary>
        public bool AllowDowngrade { get; set; }

        /// <summary>Shut a running host down (Redfish GracefulShutdown) instead of refusing.</summary>
        public bool ShutdownHost { get; set; }

        /// <summary>Power the host on after the flash and confirm the new BiosVersion after POST.</summary>
        public bool PowerOn { get; set; }

        /// <summary>The journal folder; null = the state folder's.</summary>
        public string? JournalPath { get; set; }

        /// <summary>The read-only plan only.</summary>
        public bool WhatIf { get; set; }

        public BiosUpdateSettings Settings { get; set; } = new BiosUpdateSettings();
    }
}
