using System;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>The errors of a BMC update over Redfish, each naming the problem and the next step.</summary>
    internal static class BmcUpdateErrors
    {
        /// <summary>The version policy refused the image: under the policy's own id (downgrade, same version) when it has one.</summary>
        public static EscFirmwareException VersionRefused(string host, string? errorId, string reason) =>
            errorId == null ? VersionRefused(host, reason) : Refused(errorId, host, reason);

        public static EscFirmwareException VersionRefused(string host, string reason) => Refused("EscVersionRefused", host, reason);

        private static EscFirmwareException Refused(string errorId, string host, string reason) =>
            new EscFirmwareException(errorId, ErrorKind.InvalidOperation, host + ": " + reason,
                recommendedAction: Phrase.Of($"Pick the right image, or pass {EscParameter.AllowDowngrade} if the older version is intended."));

        public static EscFirmwareException FlashFailed(string host, string snapshot) =>
            new EscFirmwareException("EscBmcFlashFailed", ErrorKind.InvalidOperation,
                host + ": the BMC reports the update failed (" + snapshot + ").",
                recommendedAction: "The BMC keeps running its current image. Check the image and the BMC's event log before trying again.");

        public static EscFirmwareException FlashStalled(string host, TimeSpan stall, string seen) =>
            new EscFirmwareException("EscBmcFlashStalled", ErrorKind.OperationTimeout,
                host + ": the flash progress has not changed for " + Minutes(stall) + " (" + seen + ").",
                recommendedAction: StillWriting(host));

        public static EscFirmwareException FlashTimeout(string host, TimeSpan limit, string seen) =>
            new EscFirmwareException("EscBmcFlashTimeout", ErrorKind.OperationTimeout,
                host + ": the flash did not finish within " + Minutes(limit) + " (" + seen + ").",
                recommendedAction: StillWriting(host));

        public static EscFirmwareException RebootTimeout(string host, string? version, TimeSpan limit, string? lastVersion) =>
            new EscFirmwareException("EscBmcRebootTimeout", ErrorKind.OperationTimeout,
                host + ": the BMC did not come back with BMC " + version + " within " + Minutes(limit)
                + (lastVersion != null ? " (it reports " + lastVersion + ")" : " (it does not answer)") + ".",
                recommendedAction: Phrase.Of($"Wait a few more minutes and check with {EscCommand.GetFirmwareVersion.For(host)}; if it stays unreachable, an AC power drain brings it back."));

        public static EscFirmwareException CredentialsRejected(string host) =>
            new EscFirmwareException("EscBmcCredentialsRejectedAfterUpdate", ErrorKind.AuthenticationError,
                host + ": the BMC is back but rejects the credentials that worked before the flash: its user configuration may have been reset.",
                recommendedAction: Phrase.Of($"Log in with the BMC's factory credentials (see the server's label or manual), restore the account and network settings, then check with {EscCommand.GetFirmwareVersion.For(host)}."));

        public static EscFirmwareException VersionUnstable(string host, string? expected, string? seen, int read, int reads) =>
            new EscFirmwareException("EscBmcVersionUnstable", ErrorKind.InvalidOperation,
                host + ": the BMC reported " + expected + " and then " + seen + " (read " + read + " of " + reads + "): it may have fallen back to the other image.",
                recommendedAction: Phrase.Of($"Check the image slots with {EscCommand.GetFirmwareVersion.For(host)} before trying again."));

        private static Phrase StillWriting(string host) =>
            Phrase.Of($"The BMC may still be writing its flash: do not reset or power-cycle it. Check again with {EscCommand.GetFirmwareVersion.For(host)} later.");

        private static string Minutes(TimeSpan span) =>
            span.TotalMinutes >= 1
                ? span.TotalMinutes.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " min"
                : span.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s";
    }
}
