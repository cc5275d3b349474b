using System;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>The errors of a BIOS update through the HPM wizard, each naming the problem and the next step.</summary>
    internal static class BiosUpdateErrors
    {
        public static EscFirmwareException NotAnAsusImage(string host, string manufacturerId) =>
            new EscFirmwareException("EscImageIdentityMismatch", ErrorKind.InvalidArgument,
                host + ": the image's manufacturer ID is " + manufacturerId + ", not ASUS (" + BiosImagePlan.AsusManufacturerId + ").",
                recommendedAction: "Use the BIOS .HPM ASUS publishes for this server model.");

        public static EscFirmwareException NotAnAsusServer(string host, string bmcManufacturer) =>
            new EscFirmwareException("EscImageIdentityMismatch", ErrorKind.InvalidArgument,
                host + ": the server's manufacturer is '" + bmcManufacturer + "' but the image is an ASUS (" + BiosImagePlan.AsusManufacturerId + ") BIOS.",
                recommendedAction: "Check the address: this BIOS is for ASUS servers only.");

        public static EscFirmwareException FlashFailed(string host) =>
            new EscFirmwareException("EscBiosFlashFailed", ErrorKind.InvalidOperation,
                host + ": the BMC reported the BIOS SPI write failed (PROGRESS -1).",
                recommendedAction: "Keep the host off and run the update again; if it fails again, contact ASUS support before powering the host on.");

        public static EscFirmwareException FlashTimeout(string host, TimeSpan limit, int quietPolls) =>
            new EscFirmwareException("EscBiosFlashTimeout", ErrorKind.OperationTimeout,
                host + ": the BIOS SPI write did not report completion within " + HostPower.Seconds(limit) + " s (" + quietPolls + " silent polls).",
                recommendedAction: Phrase.Of($"Keep the host off; run {EscCommand.GetBmcState.For(host)} and check the BIOS version before powering on."));

        public static EscFirmwareException VerifyFailed(string host) =>
            new EscFirmwareException("EscBiosVerifyFailed", ErrorKind.InvalidData, host + ": the BMC reported the written BIOS image did not verify.",
                recommendedAction: "Keep the host off and run the update again.");

        public static EscFirmwareException VerifyTimeout(string host, TimeSpan limit) =>
            new EscFirmwareException("EscBiosVerifyTimeout", ErrorKind.OperationTimeout,
                host + ": the image verification did not finish within " + HostPower.Seconds(limit) + " s.",
                recommendedAction: Phrase.Of($"Keep the host off; run {EscCommand.GetBmcState.For(host)} and the update again."));

        public static EscFirmwareException ExitUnverified(string host, TimeSpan limit, Exception failed) =>
            new EscFirmwareException("EscUpdateModeExitUnverified", ErrorKind.ResourceUnavailable,
                host + ": exitupdatemode was accepted but Redfish still refuses sessions after " + HostPower.Seconds(limit) + " s (" + failed.Message + ").",
                recommendedAction: Phrase.Of($"Run {EscCommand.GetBmcState.For(host)}; if it reports update mode, run {EscCommand.ExitUpdateMode.For(host)} (the journal keeps the FWUPDATEID)."),
                innerException: failed);
    }
}
