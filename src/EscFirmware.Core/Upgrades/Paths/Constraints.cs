using System.Collections.Generic;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Versions;

namespace EscFirmware.Core.Upgrades.Paths
{
    /// <summary>Whether a release's constraints let it be flashed now, and how to say what they are.</summary>
    internal static class Constraints
    {
        /// <summary>The running version is at least the release's minimum (a release without one takes any version).</summary>
        public static bool AllowsFrom(EscFirmwareRelease release, string running) =>
            release.MinimumFromVersion == null || IsAtLeast(running, release.MinimumFromVersion);

        public static bool IsAtLeast(string version, string minimum)
        {
            var order = FirmwareVersion.Compare(version, minimum);
            return order == VersionOrder.Newer || order == VersionOrder.Same;
        }

        public static string? Describe(EscFirmwareRelease release)
        {
            var parts = new List<string>();
            if (release.MinimumFromVersion != null) parts.Add("flash only over " + release.MinimumFromVersion + " or later (" + SourceText(release.MinimumFromVersionSource) + ")");
            if (release.MinimumBmcVersion != null) parts.Add("needs BMC " + release.MinimumBmcVersion + " or later (" + SourceText(release.MinimumBmcVersionSource) + ")");
            return parts.Count == 0 ? null : release.Version + ": " + string.Join("; ", parts);
        }

        public static string SourceText(ConstraintSource source)
        {
            switch (source)
            {
                case ConstraintSource.Catalog: return "catalog";
                case ConstraintSource.ReleaseNotes: return "release notes";
                case ConstraintSource.Image: return "the image's earliest compatible revision";
                default: return "unknown source";
            }
        }
    }
}
