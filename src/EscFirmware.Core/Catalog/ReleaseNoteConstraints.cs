using System;
using System.Linq;
using System.Text.RegularExpressions;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;

namespace EscFirmware.Core.Catalog
{
    /// <summary>
    /// Reads the "requires at least" / "must first be updated to" sentences vendors put in release notes (the ASUS API
    /// has no field for them, only the changelog). A sentence naming the other component only counts for a BIOS release
    /// that needs a BMC version; a version whose shape does not fit the component ("1.29.1" in a BIOS note without the
    /// word BMC) is ignored rather than guessed.
    /// </summary>
    public static class ReleaseNoteConstraints
    {
        private const string Version = @"v?(?<version>\d+(?:\.\d+)*)";
        private const string Component = @"(?:(?<component>BMC|BIOS)\s+)?(?:firmware\s+|FW\s+)?(?:version\s+)?";

        private static readonly Regex[] Sentences =
        {
            // "requires BMC 1.29.1 or later", "requires at least version 0603", "needs the BMC firmware 1.29.1"
            new Regex(@"\b(?:requires?|needs?)\s+(?:the\s+|at\s+least\s+)*" + Component + @"(?:at\s+least\s+)?" + Version, Options),
            // "must first be updated to 1.29.1", "the BMC must be upgraded to 1.29.1 first", "you need to update the BMC to 1.29.1 first"
            new Regex(@"\b(?:must|should|need\s+to|have\s+to)\s+(?:first\s+)?(?:be\s+)?(?:updated?|upgraded?|flashed)\s+(?:the\s+)?" + Component + @"to\s+(?:version\s+)?" + Version, Options),
            // "update the BMC to 1.29.1 first", "upgrade to 0603 first"
            new Regex(@"\b(?:update|upgrade|flash)\s+(?:the\s+)?" + Component + @"to\s+(?:version\s+)?" + Version + @"\s+(?:first|before)", Options),
        };

        private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

        /// <summary>Fills the release's constraints from its notes where the catalog gave none; true when it found one.</summary>
        public static bool Apply(EscFirmwareRelease release)
        {
            var found = false;
            foreach (var match in Sentences.SelectMany(s => s.Matches(release.ReleaseNotes).Cast<Match>()))
            {
                var version = match.Groups["version"].Value;
                var named = match.Groups["component"].Success
                    ? (string.Equals(match.Groups["component"].Value, "BMC", StringComparison.OrdinalIgnoreCase) ? FirmwareComponent.Bmc : FirmwareComponent.Bios)
                    : (FirmwareComponent?)null;
                var component = named ?? release.Component;
                if (!Fits(version, component)) continue;
                if (component == release.Component && release.MinimumFromVersionSource != ConstraintSource.Catalog)
                {
                    release.MinimumFromVersion = Highest(version, release.MinimumFromVersion);
                    release.MinimumFromVersionSource = ConstraintSource.ReleaseNotes;
                    found = true;
                }
                else if (release.Component == FirmwareComponent.Bios && component == FirmwareComponent.Bmc && release.MinimumBmcVersionSource != ConstraintSource.Catalog)
                {
                    release.MinimumBmcVersion = Highest(version, release.MinimumBmcVersion);
                    release.MinimumBmcVersionSource = ConstraintSource.ReleaseNotes;
                    found = true;
                }
            }
            return found;
        }

        /// <summary>BMC versions are dotted ("1.29.1"), BIOS versions are four digits ("0603").</summary>
        private static bool Fits(string version, FirmwareComponent component) =>
            component == FirmwareComponent.Bmc ? version.IndexOf('.') >= 0 : version.IndexOf('.') < 0 && version.Length >= 3;

        private static string Highest(string version, string? other) =>
            other != null && FirmwareVersion.Compare(version, other) != VersionOrder.Newer ? other : version;
    }
}
