using EscFirmware.Core.Hpm;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>What to flash and how: the image (a path, or an image object whose file is read again), the overrides.</summary>
    public sealed class BmcUpdateOptions
    {
        public BmcUpdateOptions(string imagePath)
        {
            ImagePath = imagePath;
        }

        public BmcUpdateOptions(EscFirmwareImage image)
            : this(image.Path)
        {
        }

        /// <summary>The .hpm file; it is validated again right before the run, never trusted from an earlier check.</summary>
        public string ImagePath { get; }

        /// <summary>Reinstall the version that is already running.</summary>
        public bool Force { get; set; }

        /// <summary>Allow an image older than the running firmware.</summary>
        public bool AllowDowngrade { get; set; }

        /// <summary>Only the read-only pre-flight and the plan; no write anywhere.</summary>
        public bool WhatIf { get; set; }

        public BmcUpdateSettings Settings { get; set; } = new BmcUpdateSettings();
    }
}
