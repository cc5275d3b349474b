using EscFirmware.Core.Versions;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates
{
    /// <summary>
    /// The one version policy of every update: the same version is a successful skip unless <c>Force</c>; an older one
    /// is refused unless <c>AllowDowngrade</c>; a version that cannot be compared is refused (never guessed).
    /// The two overrides stay separate on purpose: reinstalling is not downgrading (hpm-and-safety.md 1.11).
    /// </summary>
    public static class VersionPolicy
    {
        public static VersionDecision Decide(FirmwareComponent component, string? current, string? target, bool force, bool allowDowngrade)
        {
            var name = component == FirmwareComponent.Bmc ? "BMC" : "BIOS";
            switch (FirmwareVersion.Compare(target, current))
            {
                case VersionOrder.Newer:
                    return new VersionDecision(VersionDecisionKind.Update, name + " " + current + " -> " + target);
                case VersionOrder.Same:
                    return force
                        ? new VersionDecision(VersionDecisionKind.Update, name + " " + current + " -> " + target + Phrase.Of($" (reinstall, {EscParameter.Force})").ToString())
                        : new VersionDecision(VersionDecisionKind.Skip, name + " is already at " + current + Phrase.Of($"; nothing to do (use {EscParameter.Force} to reinstall).").ToString());
                case VersionOrder.Older:
                    return allowDowngrade
                        ? new VersionDecision(VersionDecisionKind.Update, name + " " + current + " -> " + target + Phrase.Of($" (downgrade, {EscParameter.AllowDowngrade})").ToString())
                        : new VersionDecision(VersionDecisionKind.Refuse,
                            "The image's " + name + " " + target + " is older than the installed " + current + Phrase.Of($"; downgrades need {EscParameter.AllowDowngrade}.").ToString(),
                            "EscDowngradeRefused");
                default:
                    return new VersionDecision(VersionDecisionKind.Refuse,
                        "The " + name + " versions cannot be compared (installed '" + (current ?? "unknown") + "', image '" + (target ?? "unknown") + "').",
                        "EscVersionUnknown");
            }
        }
    }
}
