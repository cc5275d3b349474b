using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Upgrades.Paths
{
    /// <summary>
    /// A server's upgrade path as flashes: planned from the catalog and the versions just read, every step's package
    /// fetched and validated before the first write (each image's earliest compatible revision can tighten its release's
    /// constraint, and then the path is planned again), the step numbers carried on from the path journal.
    /// Under -WhatIf nothing is fetched: the steps are shown with where their packages would come from.
    /// </summary>
    internal sealed class PathFlashPlanner : IFlashPlanner
    {
        private readonly CatalogPathPlanner _planner;
        private readonly StepPackages _packages;
        private readonly FirmwareUpgradeOptions _options;
        private readonly string _runId;
        private readonly Dictionary<string, EscUpgradePath> _paths = new Dictionary<string, EscUpgradePath>(StringComparer.OrdinalIgnoreCase);

        public PathFlashPlanner(CatalogPathPlanner planner, StepPackages packages, FirmwareUpgradeOptions options, string runId)
        {
            _planner = planner;
            _packages = packages;
            _options = options;
            _runId = runId;
        }

        public IReadOnlyList<(FirmwareComponent Component, string? Version)> Targets
        {
            get
            {
                var targets = _options.Targets;
                var list = new List<(FirmwareComponent, string?)>();
                if (targets.Latest || targets.BmcVersion != null) list.Add((FirmwareComponent.Bmc, targets.BmcVersion));
                if (targets.Latest || targets.BiosVersion != null) list.Add((FirmwareComponent.Bios, targets.BiosVersion));
                return list;
            }
        }

        public string Describe()
        {
            var targets = _options.Targets;
            string Target(string? named) => named ?? (targets.Latest ? "newest" : "unchanged");
            return "upgrade paths through " + _planner.Source + " for " + _options.Model + ": BMC to " + Target(targets.BmcVersion) + ", BIOS to " + Target(targets.BiosVersion);
        }

        public async Task<IReadOnlyList<FlashStep>> PlanAsync(BmcTarget target, EscFirmwareVersion before, IOperationSink sink, CancellationToken cancellationToken)
        {
            var model = _options.Model!;
            var lookup = await _planner.ReleasesAsync(model, sink, cancellationToken).ConfigureAwait(false);
            // Each round either settles or tightens one release's minimum to its image's, so it ends within one round per release.
            for (var round = 0; round <= lookup.Releases.Count; round++)
            {
                var path = _planner.Plan(lookup, before.BmcVersion, before.BiosVersion);
                path.ComputerName = target.DisplayName;
                RequirePowerForBiosSteps(path);
                var done = Journal(target).Resume(path);
                if (done > 0) sink.WriteVerbose(target.DisplayName + ": the path journal shows " + done + " of " + path.Steps[0].Count + " step(s) done; carrying on at step " + path.Steps[0].Index + ".");
                if (_options.WhatIf) return path.Steps.Select(s => FlashStep.ForPath(s, null, null)).ToList();
                var images = new List<StepImage>();
                foreach (var step in path.Steps) images.Add(await _packages.GetAsync(step.Release, sink, cancellationToken).ConfigureAwait(false));
                var tightened = path.Steps.Zip(images, (step, image) => Tighten(step, image, sink)).Count(changed => changed);
                if (tightened > 0) continue;
                lock (_paths) _paths[target.DisplayName] = path;
                return path.Steps.Select((step, i) => FlashStep.ForPath(step, images[i].Bmc, images[i].Bios)).ToList();
            }
            throw new InvalidOperationException("The upgrade path did not settle.");
        }

        public void StepStarting(BmcTarget target, FlashStep step)
        {
            EscUpgradePath path;
            lock (_paths) path = _paths[target.DisplayName];
            Journal(target).Starting(path, step.PathStep!, _runId);
        }

        public void StepFinished(BmcTarget target, FlashStep step, EscFirmwareUpdateResult result) => Journal(target).Finished(step.PathStep!, result.Status);

        private PathJournal Journal(BmcTarget target) => new PathJournal(StateFolder.Journals(_options.JournalPath), target);

        /// <summary>An image that needs a newer running version than the catalog said raises the release's minimum.</summary>
        private static bool Tighten(UpgradeStep step, StepImage image, IOperationSink sink)
        {
            var minimum = ImageCompatibility.UnmetMinimum(image.Image, step.FromVersion);
            if (minimum == null) return false;
            lock (step.Release)
            {
                if (step.Release.MinimumFromVersion != null && Constraints.IsAtLeast(step.Release.MinimumFromVersion, minimum)) return true;
                step.Release.MinimumFromVersion = minimum;
                step.Release.MinimumFromVersionSource = ConstraintSource.Image;
            }
            sink.WriteWarning(step.Component + " " + step.ToVersion + "'s image can be applied only over " + minimum + " or later (its earliest compatible revision), more than the catalog says; planning the path again.");
            return true;
        }

        /// <summary>Every BIOS but the last must POST (to be verified) before the next is flashed, and the host must go off again for it.</summary>
        private void RequirePowerForBiosSteps(EscUpgradePath path)
        {
            var bios = path.Steps.Where(s => s.Component == FirmwareComponent.Bios).ToList();
            if (bios.Count < 2 || (_options.ShutdownHost && _options.PowerOn)) return;
            throw NeedsPower(bios[0].FromVersion + " -> " + string.Join(" -> ", bios.Select(s => s.ToVersion)), bios.Count);
        }

        private static EscFirmwareException NeedsPower(string biosPath, int steps) =>
            new EscFirmwareException("EscUpgradePathNeedsPower", ErrorKind.InvalidOperation,
                "The BIOS path " + biosPath + " has " + steps + " steps: each BIOS but the last must POST and be verified before the next is flashed, which needs the host powered on and shut down again between them.",
                recommendedAction: Phrase.Of($"Add {EscParameter.ShutdownHost} {EscParameter.PowerOn}, or target an intermediate BIOS first ({EscParameter.TargetBiosVersion})."));
    }
}
