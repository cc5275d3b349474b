using EscFirmware.Core.Hpm;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>
    /// The HPM.1 header's earliest compatible revision against the running version (hpm-and-safety.md 1.11 step 3):
    /// the BMC refuses an image that says it needs newer running firmware, so this is checked before anything is sent.
    /// </summary>
    internal static class ImageCompatibility
    {
        /// <summary>The image's minimum when the running version is known to be below it; null when it fits or cannot be told.</summary>
        public static string? UnmetMinimum(EscFirmwareImage image, string? running)
        {
            var minimum = image.EarliestCompatibleRevision;
            if (minimum == null || running == null) return null;
            return FirmwareVersion.Compare(running, minimum) == VersionOrder.Older ? minimum : null;
        }

        public static VersionDecision Refusal(FirmwareComponent component, EscFirmwareImage image, string running, string minimum, string? model)
        {
            var bmc = component == FirmwareComponent.Bmc;
            var name = bmc ? "BMC" : "BIOS";
            var modelArgument = EscParameter.Model.With(model ?? "<model>");
            var plan = EscCommand.GetUpgradePath.With(modelArgument, (bmc ? EscParameter.BmcVersion : EscParameter.BiosVersion).With(running),
                (bmc ? EscParameter.TargetBmcVersion : EscParameter.TargetBiosVersion).With(image.Version ?? "?"));
            return new VersionDecision(VersionDecisionKind.Refuse,
                Phrase.Of($"The {name} image {image.Version} can be applied only over {minimum} or later (its earliest compatible revision); the {name} runs {running}, and the BMC would refuse it. Flash the intermediate release(s) first: {plan} shows which, and {EscCommand.InvokeFirmwareUpgrade.With(modelArgument, EscParameter.Latest)} runs them.").ToString(),
                "EscImageNeedsNewerFirmware");
        }
    }
}
