using System;
using System.Globalization;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>The errors of the generic Redfish update, each naming the problem and the next step in the front end's words.</summary>
    internal static class GenericUpdateErrors
    {
        public static EscFirmwareException NoUpdateService(string host) =>
            new EscFirmwareException("EscRedfishNoUpdateService", ErrorKind.NotImplemented, host + ": this Redfish service has no UpdateService.",
                recommendedAction: "Update this BMC with its vendor's tool; it offers no firmware update over Redfish.");

        public static EscFirmwareException ImageUnusable(string host, string problem, string next) =>
            new EscFirmwareException("EscImageUnusable", ErrorKind.InvalidArgument, host + ": " + problem + "; nothing was sent to the BMC.", recommendedAction: next);

        public static EscFirmwareException UseAmiPath(string host, bool bios) =>
            new EscFirmwareException("EscUseVendorUpdatePath", ErrorKind.InvalidOperation,
                host + ": this is an AMI/ASUS BMC; the generic Redfish update would skip its preserve-configuration and HPM checks.",
                recommendedAction: Phrase.Of($"Use {(bios ? EscCommand.InvokeBiosUpdate : EscCommand.InvokeBmcUpdate)}."));

        public static EscFirmwareException UseIloRepository(string host) =>
            new EscFirmwareException("EscUseVendorUpdatePath", ErrorKind.InvalidOperation,
                host + ": this is an HPE iLO; its HttpPushUri takes the iLO repository upload, not a DMTF push.",
                recommendedAction: Phrase.Of($"Use {EscCommand.AddRepositoryComponent} {EscParameter.Flash}, or give {EscParameter.ImageUri} for SimpleUpdate."));

        public static EscFirmwareException NoSimpleUpdate(string host, bool canPush) =>
            new EscFirmwareException("EscRedfishUpdateUnsupported", ErrorKind.NotImplemented,
                host + ": the UpdateService has no SimpleUpdate action, so it cannot fetch an image from a URI.",
                recommendedAction: canPush ? Phrase.Of($"Give the image as a file ({EscParameter.ImagePath}) to push it instead.") : "Update this BMC with its vendor's tool.");

        public static EscFirmwareException ProtocolRefused(string host, string scheme, string allowed) =>
            new EscFirmwareException("EscRedfishUpdateUnsupported", ErrorKind.InvalidArgument, host + ": SimpleUpdate does not take " + scheme + " (it takes " + allowed + ").",
                recommendedAction: "Serve the image over one of those protocols.");

        public static EscFirmwareException NoPush(string host, bool canSimpleUpdate) =>
            new EscFirmwareException("EscRedfishUpdateUnsupported", ErrorKind.NotImplemented, host + ": the UpdateService takes no pushed image (no MultipartHttpPushUri or HttpPushUri).",
                recommendedAction: canSimpleUpdate ? Phrase.Of($"Serve the image from a web server the BMC can reach and give {EscParameter.ImageUri} (SimpleUpdate).") : "Update this BMC with its vendor's tool.");

        public static EscFirmwareException PushSettingsBusy(string host) =>
            new EscFirmwareException("EscBmcUpdateInProgress", ErrorKind.ResourceUnavailable, host + ": HttpPushUriOptionsBusy is true: another client holds the BMC's push settings.",
                recommendedAction: "Wait for the other update to finish, then try again.");

        public static EscFirmwareException ApplyTimeRefused(string host, string applyTime, string allowed) =>
            new EscFirmwareException("EscRedfishUpdateUnsupported", ErrorKind.InvalidArgument, host + ": the BMC does not allow ApplyTime " + applyTime + " (it allows " + allowed + ").",
                recommendedAction: Phrase.Of($"Choose one of the allowed values with {EscParameter.ApplyTime}."));

        public static EscFirmwareException TaskFailed(string host, string state, string messages) =>
            new EscFirmwareException("EscRedfishTaskFailed", ErrorKind.InvalidOperation,
                host + ": the update task ended " + state + (messages.Length > 0 ? " (" + messages + ")" : string.Empty) + ".",
                recommendedAction: "The BMC did not apply the image. Read its messages, check the image is meant for this component, then try again.");

        public static EscFirmwareException TaskMissing(string host, string uri) =>
            new EscFirmwareException("EscRedfishTaskMissing", ErrorKind.ObjectNotFound, host + ": the update task " + uri + " no longer exists, and the BMC did not say how it ended.",
                recommendedAction: Phrase.Of($"Read the firmware inventory ({EscCommand.GetFirmwareInventory.For(host)}) to see whether the new version is there before trying again."));

        public static EscFirmwareException TaskTimeout(string host, string uri, TimeSpan limit, string lastState) =>
            new EscFirmwareException("EscRedfishTaskTimeout", ErrorKind.OperationTimeout,
                host + ": the update task " + uri + " did not finish within " + Seconds(limit) + (lastState.Length > 0 ? " (last TaskState " + lastState + ")" : string.Empty) + ".",
                recommendedAction: Phrase.Of($"The BMC may still be applying the image: do not reset it. Run {EscCommand.GetFirmwareInventory.For(host)} in a few minutes, and raise {EscParameter.TaskTimeoutSec} for slow services."));

        public static EscFirmwareException ResetUnavailable(string host, bool bios) =>
            new EscFirmwareException("EscRedfishResetUnavailable", ErrorKind.NotImplemented, host + ": the update needs a reset, but the " + (bios ? "System" : "Manager") + " offers no Reset action.",
                recommendedAction: Phrase.Of($"Reset it by other means (IPMI, the web UI), then run {EscCommand.GetFirmwareInventory.For(host)}."));

        public static EscFirmwareException NotVerified(string host, string item, TimeSpan limit, string seen, string expected) =>
            new EscFirmwareException("EscUpdateNotVerified", ErrorKind.OperationTimeout,
                host + ": the BMC accepted the image, but after " + Seconds(limit) + " " + item + " still shows " + (seen.Length > 0 ? seen : "no version")
                + (expected.Length > 0 ? ", not " + expected : " (unchanged)") + ".",
                recommendedAction: Phrase.Of($"The BMC may still be activating it: do not reset it. Run {EscCommand.GetFirmwareInventory.For(host)} in a few minutes; if the version stays the same, the image may be the same version or refused."));

        public static EscFirmwareException UploadTimeout(string host, TimeSpan limit) =>
            new EscFirmwareException("EscImageUploadTimeout", ErrorKind.OperationTimeout, host + ": the upload did not finish within " + Seconds(limit) + ".",
                recommendedAction: Phrase.Of($"Check the link to the BMC; raise {EscParameter.UploadTimeoutSec} for slow links."));

        private static string Seconds(TimeSpan span) => ((int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + " s";
    }
}
