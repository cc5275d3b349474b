using EscFirmware.Core.Catalog;
using EscFirmware.Core.Updates;

namespace EscFirmware.Core.Upgrades.Paths
{
    /// <summary>One flash of an upgrade path: a component from the version it runs to one catalog release.</summary>
    public sealed class UpgradeStep
    {
        public UpgradeStep(FirmwareComponent component, string fromVersion, EscFirmwareRelease release, bool isDowngrade)
        {
            Component = component;
            FromVersion = fromVersion;
            Release = release;
            IsDowngrade = isDowngrade;
        }

        /// <summary>1-based position in the server's whole path (BMC and BIOS steps interleaved).</summary>
        public int Index { get; internal set; }
        public int Count { get; internal set; }
        public FirmwareComponent Component { get; }
        public string FromVersion { get; }
        public string ToVersion => Release.Version;
        public EscFirmwareRelease Release { get; }
        public bool IsDowngrade { get; }

        /// <summary>The constraint that made this step necessary or allowed it, in words; null when the release has none.</summary>
        public string? Requirement => Constraints.Describe(Release);

        public string Name => (Component == FirmwareComponent.Bmc ? "BMC " : "BIOS ") + FromVersion + " -> " + ToVersion;

        public override string ToString() => "step " + Index + " of " + Count + ": " + Name + (IsDowngrade ? " (downgrade)" : string.Empty);
    }
}
