using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Updates;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>The images given by hand: at most one BMC and one BIOS flash, each decided by the version policy and
    /// the image's earliest compatible revision.</summary>
    internal sealed class ImageFlashPlanner : IFlashPlanner
    {
        private readonly UpgradeImages _images;
        private readonly FirmwareUpgradeOptions _options;

        public ImageFlashPlanner(UpgradeImages images, FirmwareUpgradeOptions options)
        {
            _images = images;
            _options = options;
        }

        public IReadOnlyList<(FirmwareComponent Component, string? Version)> Targets
        {
            get
            {
                var targets = new List<(FirmwareComponent, string?)>();
                if (_images.BmcImage != null) targets.Add((FirmwareComponent.Bmc, _images.BmcImage.Version));
                if (_images.BiosImage != null) targets.Add((FirmwareComponent.Bios, _images.BiosImage.Version));
                return targets;
            }
        }

        public string Describe() =>
            "BMC image " + (_images.BmcImage == null ? "none" : _images.BmcImage.Version + " SHA-256 " + _images.BmcImage.Sha256)
            + "; BIOS image " + (_images.BiosImage == null ? "none" : _images.BiosImage.Version + " SHA-256 " + _images.BiosImage.Sha256);

        public Task<IReadOnlyList<FlashStep>> PlanAsync(BmcTarget target, EscFirmwareVersion before, IOperationSink sink, CancellationToken cancellationToken)
        {
            var steps = new List<FlashStep>();
            if (_images.Bmc != null) steps.Add(FlashStep.ForImage(FirmwareComponent.Bmc, before.BmcVersion, _images.Bmc, null, Decide(FirmwareComponent.Bmc, before.BmcVersion, _images.BmcImage!)));
            if (_images.Bios != null) steps.Add(FlashStep.ForImage(FirmwareComponent.Bios, before.BiosVersion, null, _images.Bios, Decide(FirmwareComponent.Bios, before.BiosVersion, _images.BiosImage!)));
            return Task.FromResult<IReadOnlyList<FlashStep>>(steps);
        }

        public void StepStarting(BmcTarget target, FlashStep step)
        {
        }

        public void StepFinished(BmcTarget target, FlashStep step, EscFirmwareUpdateResult result)
        {
        }

        private VersionDecision Decide(FirmwareComponent component, string? current, Hpm.EscFirmwareImage image)
        {
            var decision = VersionPolicy.Decide(component, current, image.Version, _options.Force, _options.AllowDowngrade);
            if (decision.Kind != VersionDecisionKind.Update) return decision;
            var minimum = ImageCompatibility.UnmetMinimum(image, current);
            return minimum == null ? decision : ImageCompatibility.Refusal(component, image, current!, minimum, _options.Model);
        }
    }
}
