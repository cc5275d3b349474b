using EscFirmware.Core.Hpm;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.Core.Upgrades.Paths;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>One flash a server's upgrade plans: a validated image for one component, what the version policy says,
    /// and, on an upgrade path, which step of the path it is.</summary>
    internal sealed class FlashStep
    {
        private FlashStep(FirmwareComponent component, string? fromVersion, ImageCheck? bmc, BiosImagePlan? bios, VersionDecision decision, UpgradeStep? pathStep)
        {
            Component = component;
            FromVersion = fromVersion;
            Bmc = bmc;
            Bios = bios;
            Decision = decision;
            PathStep = pathStep;
        }

        public FirmwareComponent Component { get; }
        public string? FromVersion { get; }
        public ImageCheck? Bmc { get; }
        public BiosImagePlan? Bios { get; }
        public VersionDecision Decision { get; }

        /// <summary>The path step this flash is; null when the image was given by hand.</summary>
        public UpgradeStep? PathStep { get; }

        /// <summary>Null only for a path step planned under -WhatIf, whose package was not fetched.</summary>
        public EscFirmwareImage? Image => Bmc?.Image ?? Bios?.Image;
        public string ToVersion => Image?.Version ?? PathStep!.ToVersion;

        /// <summary>"step 2 of 3" on a path; null otherwise.</summary>
        public string? StepLabel => PathStep == null ? null : PathStep.Index + " of " + PathStep.Count;

        public string Describe() => (PathStep == null ? string.Empty : "step " + StepLabel + ": ") + Decision.Reason;

        /// <summary>This step with another decision (a BIOS found pending after planning).</summary>
        public FlashStep With(VersionDecision decision) => new FlashStep(Component, FromVersion, Bmc, Bios, decision, PathStep);

        public static FlashStep ForImage(FirmwareComponent component, string? fromVersion, ImageCheck? bmc, BiosImagePlan? bios, VersionDecision decision) =>
            new FlashStep(component, fromVersion, bmc, bios, decision, null);

        public static FlashStep ForPath(UpgradeStep step, ImageCheck? bmc, BiosImagePlan? bios) =>
            new FlashStep(step.Component, step.FromVersion, bmc, bios, new VersionDecision(VersionDecisionKind.Update, step.Name + (step.IsDowngrade ? Phrase.Of($" (downgrade, {EscParameter.AllowDowngrade})").ToString() : string.Empty)), step);
    }
}
