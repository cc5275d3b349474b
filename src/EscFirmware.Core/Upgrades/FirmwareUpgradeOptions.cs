using EscFirmware.Core.Catalog;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Recovery;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.Core.Upgrades.Paths;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>What Invoke-EscFirmwareUpgrade flashes and how: images (or a model's latest release), power, overrides, waves.</summary>
    public sealed class FirmwareUpgradeOptions
    {
        /// <summary>The BMC .hpm; null to leave the BMC alone (unless <see cref="Latest"/>).</summary>
        public string? BmcImagePath { get; set; }

        /// <summary>The BIOS .HPM; null to leave the BIOS alone (unless <see cref="Latest"/>).</summary>
        public string? BiosImagePath { get; set; }

        /// <summary>The server model the images are for (for -Latest, and checked against each server's Model).</summary>
        public string? Model { get; set; }

        /// <summary>Upgrade through the catalog: every component without a named target to its newest release, along its upgrade path.</summary>
        public bool Latest { get; set; }

        /// <summary>Upgrade the BMC through the catalog to this release, along its upgrade path.</summary>
        public string? TargetBmcVersion { get; set; }

        /// <summary>Upgrade the BIOS through the catalog to this release, along its upgrade path.</summary>
        public string? TargetBiosVersion { get; set; }

        /// <summary>Where a catalog-driven run ends; <see cref="UpgradeTargets.Any"/> is false when images are given by hand.</summary>
        public UpgradeTargets Targets => new UpgradeTargets { Latest = Latest, BmcVersion = TargetBmcVersion, BiosVersion = TargetBiosVersion, AllowDowngrade = AllowDowngrade };

        /// <summary>A local catalog file instead of the ASUS support site (air-gapped sites).</summary>
        public string? CatalogPath { get; set; }

        /// <summary>Where fetched packages are kept; default <c>packages</c> in the state folder.</summary>
        public string? PackageCachePath { get; set; }

        public bool ShutdownHost { get; set; }
        public bool PowerOn { get; set; }
        public bool Force { get; set; }
        public bool AllowDowngrade { get; set; }
        public bool WhatIf { get; set; }

        /// <summary>The first K servers must all succeed before any other starts (0: no canary).</summary>
        public int CanaryCount { get; set; }

        /// <summary>After this many failed servers no new server starts; running ones finish cleanly.</summary>
        public int MaxFailures { get; set; } = int.MaxValue;

        public string? JournalPath { get; set; }
        public string? AuditPath { get; set; }

        public BmcUpdateSettings Bmc { get; set; } = new BmcUpdateSettings();
        public BiosUpdateSettings Bios { get; set; } = new BiosUpdateSettings();
        public RecoverySettings Recovery { get; set; } = new RecoverySettings();
        public AsusCatalogSettings Catalog { get; set; } = new AsusCatalogSettings();
        public PackageSettings Packages { get; set; } = new PackageSettings();
    }
}
