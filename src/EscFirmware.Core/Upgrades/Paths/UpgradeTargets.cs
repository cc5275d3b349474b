namespace EscFirmware.Core.Upgrades.Paths
{
    /// <summary>Where a path should end: each component at a named release, or with <see cref="Latest"/> at its newest one.</summary>
    public sealed class UpgradeTargets
    {
        /// <summary>Every component without a named version ends at its newest release.</summary>
        public bool Latest { get; set; }
        public string? BmcVersion { get; set; }
        public string? BiosVersion { get; set; }
        public bool AllowDowngrade { get; set; }

        /// <summary>True when a catalog decides the targets (rather than image files given by hand).</summary>
        public bool Any => Latest || BmcVersion != null || BiosVersion != null;
    }
}
