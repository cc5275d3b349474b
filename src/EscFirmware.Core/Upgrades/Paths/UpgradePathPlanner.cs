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
    /// Plans a server's path: the BMC and the BIOS each the fewest steps to their targets, then interleaved the way vendors
    /// pair them: each BIOS step right after the BMC step it needs, BIOS steps whose need is already met (or that need
    /// none) after the last BMC step (the BIOS is flashed through a current BMC). Throws a clear error when no path exists; never touches a BMC.
    /// </summary>
    public static class UpgradePathPlanner
    {
        public static EscUpgradePath Plan(UpgradePathRequest request)
        {
            var bmcTarget = Target(request, FirmwareComponent.Bmc, request.Targets.BmcVersion);
            var biosTarget = Target(request, FirmwareComponent.Bios, request.Targets.BiosVersion);
            var bmc = bmcTarget == null ? new List<UpgradeStep>() : Steps(request, FirmwareComponent.Bmc, request.BmcFrom, bmcTarget);
            var bios = biosTarget == null ? new List<UpgradeStep>() : Steps(request, FirmwareComponent.Bios, request.BiosFrom, biosTarget);
            var steps = Interleave(bmc, bios, request.BmcFrom, request.Model);
            for (var i = 0; i < steps.Count; i++)
            {
                steps[i].Index = i + 1;
                steps[i].Count = steps.Count;
            }
            return new EscUpgradePath
            {
                Model = request.Model, BmcFrom = request.BmcFrom, BiosFrom = request.BiosFrom,
                BmcTarget = bmcTarget?.Version, BiosTarget = biosTarget?.Version, Steps = steps.ToArray(),
            };
        }

        /// <summary>The named release, or with Latest the newest released one; null when the component is not part of the plan.</summary>
        private static EscFirmwareRelease? Target(UpgradePathRequest request, FirmwareComponent component, string? named)
        {
            if (named == null && !request.Targets.Latest) return null;
            var name = ComponentPathFinder.NameOf(component);
            var listed = request.Releases.Where(r => r.Component == component && r.IsRelease && FirmwareVersion.TryParse(r.Version, out _)).ToList();
            if (named != null)
            {
                return listed.FirstOrDefault(r => FirmwareVersion.Compare(r.Version, named) == VersionOrder.Same)
                    ?? throw TargetNotListed(name, named, request.CatalogSource, request.Model, listed.Count == 0 ? "no " + name + " release" : string.Join(", ", listed.Select(r => r.Version)));
            }
            return listed.OrderByDescending(r => FirmwareVersion.TryParse(r.Version, out var v) ? v : null).FirstOrDefault();
        }

        private static List<UpgradeStep> Steps(UpgradePathRequest request, FirmwareComponent component, string? from, EscFirmwareRelease target)
        {
            if (string.IsNullOrWhiteSpace(from))
            {
                throw RunningVersionUnknown(ComponentPathFinder.NameOf(component), target.Version);
            }
            return ComponentPathFinder.Find(component, from!, target, request.Releases, request.Targets.AllowDowngrade, request.Model, request.CatalogSource);
        }

        private static List<UpgradeStep> Interleave(List<UpgradeStep> bmc, List<UpgradeStep> bios, string? bmcFrom, string model)
        {
            // For each BIOS step: after how many BMC steps the BMC it needs is in place.
            var after = new int[bios.Count];
            for (var i = 0; i < bios.Count; i++)
            {
                var needs = bios[i].Release.MinimumBmcVersion;
                var earliest = needs == null ? bmc.Count : BmcStepsNeeded(bmc, bmcFrom, needs, bios[i], model);
                after[i] = System.Math.Max(earliest, i == 0 ? 0 : after[i - 1]);
            }
            var steps = new List<UpgradeStep>();
            var next = 0;
            for (var done = 0; done <= bmc.Count; done++)
            {
                while (next < bios.Count && after[next] == done) steps.Add(bios[next++]);
                if (done < bmc.Count) steps.Add(bmc[done]);
            }
            return steps;
        }

        private static int BmcStepsNeeded(List<UpgradeStep> bmc, string? bmcFrom, string needs, UpgradeStep biosStep, string model)
        {
            // Met already: like a step that needs nothing, it waits for the BMC steps (BMC first).
            if (bmcFrom != null && Constraints.IsAtLeast(bmcFrom, needs)) return bmc.Count;
            var index = bmc.FindIndex(s => Constraints.IsAtLeast(s.ToVersion, needs));
            if (index >= 0) return index + 1;
            var end = bmc.Count > 0 ? bmc[bmc.Count - 1].ToVersion : bmcFrom ?? "an unknown version";
            throw BmcBelowBiosNeed(biosStep.ToVersion, needs, biosStep.Release.MinimumBmcVersionSource, bmcFrom ?? "an unknown version", end, model);
        }

        private static EscFirmwareException TargetNotListed(string name, string named, string catalogSource, string model, string listed) =>
            new EscFirmwareException("EscTargetReleaseNotFound", ErrorKind.ObjectNotFound,
                name + " " + named + " is not a release in " + catalogSource + " for " + model + "; it lists " + listed + ".",
                recommendedAction: "Name a listed version, or add the release to the catalog (docs/firmware-catalog.md).");

        private static EscFirmwareException RunningVersionUnknown(string name, string target) =>
            new EscFirmwareException("EscVersionUnknown", ErrorKind.InvalidData,
                "The running " + name + " version is unknown, so no path to " + name + " " + target + " can be planned.",
                recommendedAction: Phrase.Of($"Run {EscCommand.GetFirmwareVersion} to see what the BMC reports (a BIOS reads empty until the host has POSTed)."));

        private static EscFirmwareException BmcBelowBiosNeed(string bios, string needs, ConstraintSource source, string bmcFrom, string bmcEnd, string model) =>
            new EscFirmwareException("EscUpgradePathMissing", ErrorKind.ObjectNotFound,
                "BIOS " + bios + " needs BMC " + needs + " or later (" + Constraints.SourceText(source) + "), but the BMC runs " + bmcFrom + " and this plan leaves it at " + bmcEnd + ".",
                recommendedAction: Phrase.Of($"Include the BMC in the plan with a target of {needs} or later ({EscParameter.Latest}, or {EscParameter.TargetBmcVersion.With(needs)}), or bring the BMC of this {model} there first."));
    }
}
