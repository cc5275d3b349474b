using System.Collections.Generic;
using System.Linq;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Upgrades.Paths
{
    /// <summary>
    /// The fewest flashes that take one component from its running version to a target release through the releases the
    /// catalog lists, every step allowed by its constraints and moving toward the target (up, or down with -AllowDowngrade).
    /// </summary>
    internal static class ComponentPathFinder
    {
        public static List<UpgradeStep> Find(FirmwareComponent component, string from, EscFirmwareRelease target, IReadOnlyList<EscFirmwareRelease> releases, bool allowDowngrade, string model, string catalogSource)
        {
            var name = NameOf(component);
            var direction = FirmwareVersion.Compare(target.Version, from);
            switch (direction)
            {
                case VersionOrder.Same:
                    return new List<UpgradeStep>();
                case VersionOrder.Unknown:
                    throw NotComparable(name, from, target.Version);
                case VersionOrder.Older when !allowDowngrade:
                    throw DowngradeRefused(name, target.Version, from);
            }
            var upward = direction == VersionOrder.Newer;
            var candidates = Candidates(component, from, target, releases, upward);
            var parent = new Dictionary<EscFirmwareRelease, string>();
            var reachedBy = new Dictionary<string, EscFirmwareRelease?>(System.StringComparer.Ordinal) { [from] = null };
            var frontier = new Queue<string>();
            frontier.Enqueue(from);
            while (frontier.Count > 0 && !parent.ContainsKey(target))
            {
                var version = frontier.Dequeue();
                // Farthest first: of the equally short paths, the one with the biggest early jumps is found first.
                foreach (var next in candidates.Where(c => !parent.ContainsKey(c) && Beyond(c.Version, version, upward) && Constraints.AllowsFrom(c, version)))
                {
                    parent[next] = version;
                    reachedBy[next.Version] = next;
                    frontier.Enqueue(next.Version);
                }
            }
            if (!parent.ContainsKey(target)) throw Missing(component, from, target, candidates, upward, model, catalogSource);
            var steps = new List<UpgradeStep>();
            for (var at = target; at != null; at = reachedBy[parent[at]])
            {
                steps.Insert(0, new UpgradeStep(component, parent[at], at, !upward));
            }
            return steps;
        }

        public static string NameOf(FirmwareComponent component) => component == FirmwareComponent.Bmc ? "BMC" : "BIOS";

        /// <summary>Released versions strictly between the running one and the target (one entry per version), target included, farthest first.</summary>
        private static List<EscFirmwareRelease> Candidates(FirmwareComponent component, string from, EscFirmwareRelease target, IReadOnlyList<EscFirmwareRelease> releases, bool upward)
        {
            var between = releases
                .Where(r => r.Component == component && r.IsRelease && r != target && FirmwareVersion.TryParse(r.Version, out _))
                .Where(r => Beyond(r.Version, from, upward) && Beyond(target.Version, r.Version, upward))
                .GroupBy(r => Parsed(r.Version)).Select(g => g.First())
                .ToList();
            between.Add(target);
            return upward ? between.OrderByDescending(r => Parsed(r.Version)).ToList() : between.OrderBy(r => Parsed(r.Version)).ToList();
        }

        private static FirmwareVersion Parsed(string version) => FirmwareVersion.TryParse(version, out var parsed) ? parsed! : throw new System.ArgumentException(version);

        /// <summary>True when <paramref name="version"/> lies past <paramref name="than"/> in the path's direction.</summary>
        private static bool Beyond(string version, string than, bool upward) =>
            FirmwareVersion.Compare(version, than) == (upward ? VersionOrder.Newer : VersionOrder.Older);

        /// <summary>
        /// Names the release the catalog lacks: the target needs a minimum; if the catalog holds releases at or above that
        /// minimum, the lowest of them is what is really blocked, and so on down to a minimum no listed release meets.
        /// </summary>
        private static EscFirmwareException Missing(FirmwareComponent component, string from, EscFirmwareRelease target, List<EscFirmwareRelease> candidates, bool upward, string model, string catalogSource)
        {
            var name = NameOf(component);
            var blocked = target;
            for (var guard = 0; guard < candidates.Count && upward; guard++)
            {
                var minimum = blocked.MinimumFromVersion!;
                var closer = candidates.Where(c => Constraints.IsAtLeast(c.Version, minimum) && Beyond(blocked.Version, c.Version, true))
                    .OrderBy(c => Parsed(c.Version)).FirstOrDefault();
                if (closer == null) break;
                blocked = closer;
            }
            return PathMissing(name, from, target.Version, blocked.Version, blocked.MinimumFromVersion ?? blocked.Version, blocked.MinimumFromVersionSource, catalogSource, model);
        }

        private static EscFirmwareException PathMissing(string name, string from, string target, string blocked, string needed, ConstraintSource source, string catalogSource, string model) =>
            new EscFirmwareException("EscUpgradePathMissing", ErrorKind.ObjectNotFound,
                "No " + name + " path from " + from + " to " + target + " in " + catalogSource + " for " + model + ": " + blocked + " can be flashed only over " + needed
                + " or later (" + Constraints.SourceText(source) + "), and no listed release that " + from + " can reach is at least " + needed
                + ". Missing intermediate release: " + name + " " + needed + " (or a later one below " + blocked + " that can be flashed over " + from + ").",
                recommendedAction: Phrase.Of($"Get {name} {needed} for {model} from the ASUS support site (https://www.asus.com/support/, {model}, Driver & Tools, BIOS & FIRMWARE) or ASUS support, and add it to {catalogSource} (docs/firmware-catalog.md); then plan again with {EscCommand.GetUpgradePath}."));

        private static EscFirmwareException NotComparable(string name, string from, string target) =>
            new EscFirmwareException("EscVersionUnknown", ErrorKind.InvalidData,
                "The " + name + " versions cannot be compared (running '" + from + "', target '" + target + "'), so no path is planned.",
                recommendedAction: Phrase.Of($"Check the version {EscCommand.GetFirmwareVersion} reports and the catalog's Version fields."));

        private static EscFirmwareException DowngradeRefused(string name, string target, string from) =>
            new EscFirmwareException("EscDowngradeRefused", ErrorKind.InvalidOperation,
                Phrase.Of($"The {name} target {target} is older than the running {from}; downgrades need {EscParameter.AllowDowngrade}."),
                recommendedAction: Phrase.Of($"Name a newer target, or add {EscParameter.AllowDowngrade} (the path then follows the same constraints)."));
    }
}
