using System;
using System.Net;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;
using RestSharp;

namespace EscFirmware.Core.Transport
{
    /// <summary>Turns failed exchanges into typed exceptions whose message names the problem and the next step.</summary>
    internal static class BmcErrors
    {
        public const int AmiUpdateModeLoginBlocked = 1348;
        public const int AmiSessionTableFull = 15000;
        public const int AmiAuthLockout = 1012;

        public static EscFirmwareException FromResponse(string host, RestResponse response, string what, ApiKind api)
        {
            var body = VendorErrorBody.Parse(response.Content);
            var status = response.StatusCode;
            var statusText = "HTTP " + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + status;
            var vendorText = body.Message != null ? ": " + body.Message : string.Empty;
            var (errorId, kind, action) = Classify(status, body);
            var message = host + ": " + what + " failed with " + statusText + vendorText + ".";

            if (api == ApiKind.AmiWeb)
            {
                return new AmiWebException(errorId, kind, message, status, body.AmiCode, body.AmiCompletionCode, action);
            }
            return new RedfishException(errorId, kind, message, status, body.MessageIds, action) { ChallengesBasic = Sessions.BasicAuthChallenge.IsChallenge(response) };
        }

        private static (string ErrorId, ErrorKind Kind, Phrase? Action) Classify(HttpStatusCode status, VendorErrorBody body)
        {
            switch (body.AmiCode)
            {
                case AmiUpdateModeLoginBlocked:
                    return ("EscBmcUpdateModeLocked", ErrorKind.ResourceUnavailable,
                        Phrase.Of($"The BMC is in firmware-update mode and refuses new logins. Run {EscCommand.GetBmcState}, then {EscCommand.ExitUpdateMode}."));
                case AmiSessionTableFull:
                    return ("EscBmcSessionLimitReached", ErrorKind.ResourceUnavailable,
                        "The BMC's web session table is full. Wait for idle sessions to expire (up to 30 minutes) or reset the BMC.");
                case AmiAuthLockout:
                    return ("EscBmcAuthLockedOut", ErrorKind.PermissionDenied,
                        Phrase.Of($"The BMC locked this client out after a burst of requests. Wait about 3 minutes and lower {EscParameter.ThrottleLimit}."));
            }
            if (body.MessageIds.Exists(id => id.EndsWith(".AccessDenied", StringComparison.Ordinal)))
            {
                return ("EscBmcAuthLockedOut", ErrorKind.PermissionDenied,
                    "The BMC denied access, typically a lockout after a burst of logins. Wait about 3 minutes and retry with fewer parallel requests.");
            }
            switch ((int)status)
            {
                case 401:
                    return ("EscBmcAuthenticationFailed", ErrorKind.AuthenticationError,
                        "Check the user name and password. Repeated failures can lock the client out for several minutes.");
                case 403:
                    return ("EscBmcAccessDenied", ErrorKind.PermissionDenied, "Use an account with the Administrator role.");
                case 404:
                    return ("EscBmcResourceNotFound", ErrorKind.ObjectNotFound, "The BMC does not offer this resource; check that it is an ASUS ASMB11/ASMB12 BMC.");
                case 412:
                case 428:
                    return ("EscBmcPreconditionFailed", ErrorKind.InvalidOperation, "The resource changed underneath; read it again and retry.");
                case 503:
                    return ("EscBmcUnavailable", ErrorKind.ResourceUnavailable,
                        Phrase.Of($"The BMC is busy, still booting, or latched in firmware-update mode. Run {EscCommand.GetBmcState} to see which."));
            }
            if ((int)status >= 300 && (int)status < 400)
            {
                return ("EscBmcRedirectedElsewhere", ErrorKind.ProtocolError,
                    "The service redirected to another host or port, which is not followed (credentials stay with the BMC you named). Give that address instead.");
            }
            if ((int)status >= 500) return ("EscBmcServerError", ErrorKind.ProtocolError, Phrase.Of($"Run {EscCommand.GetBmcState} to see what the BMC is doing before retrying."));
            return ("EscBmcRequestRejected", ErrorKind.ProtocolError, null);
        }

        /// <summary>
        /// The BMC ended a session that had worked and refused a new one. Not "wrong credentials": those same credentials
        /// opened the session earlier in this run. Keeps the status so callers that treat 401 as "BMC rebooting" still do.
        /// </summary>
        public static RedfishException SessionLost(string host, string what, HttpStatusCode status) =>
            new RedfishException("EscBmcSessionLost", ErrorKind.ResourceUnavailable,
                host + ": " + what + ": the BMC ended the session and refused a new login (HTTP " + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)
                + "), although the same credentials opened it earlier in this run.",
                status, new string[0],
                Phrase.Of($"The BMC may be rebooting or its accounts may have been changed meanwhile: run {EscCommand.GetBmcState.For(host)}, then check the account on the BMC."));

        /// <summary>The web twin of <see cref="SessionLost"/>: the BMC ended a web session that had worked and refused a new
        /// login. Keeps the 401, so a wizard read still falls over to the rescue session.</summary>
        public static AmiWebException WebSessionLost(string host, string what, HttpStatusCode status) =>
            new AmiWebException("EscWebSessionLost", ErrorKind.ResourceUnavailable,
                host + ": " + what + ": the BMC ended the web session and refused a new login (HTTP "
                + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) + "), although the same credentials opened it earlier in this run.",
                status, null, null,
                Phrase.Of($"The BMC may be rebooting or its accounts may have been changed meanwhile: run {EscCommand.GetBmcState.For(host)}, then check the account on the BMC."));

        public static EscFirmwareException PlainHttp(string host, string what) =>
            new EscFirmwareException("EscBmcPlainHttp", ErrorKind.ConnectionError,
                host + ": " + what + " failed: the port speaks plain HTTP, not HTTPS.",
                recommendedAction: "Use the BMC's HTTPS port (443 unless it was changed); a port that answers plain HTTP is another service or a redirect.");

        public static EscFirmwareException UpdateModeLocked(string host) =>
            new EscFirmwareException("EscBmcUpdateModeLocked", ErrorKind.ResourceUnavailable,
                host + ": the BMC is latched in firmware-update mode: Redfish answers 503 and the web login is refused with code 1348. Nothing was changed.",
                recommendedAction: Phrase.Of($"Run {EscCommand.GetBmcState.For(host)}, then {EscCommand.ExitUpdateMode.For(host)}."));

        public static EscFirmwareException Unreachable(string host, string what, Exception? cause) =>
            new EscFirmwareException("EscBmcUnreachable", ErrorKind.ConnectionError,
                host + ": " + what + " failed: the BMC could not be reached (" + Describe(cause) + ").",
                recommendedAction: "Check the address, port and network path to the BMC's management port.",
                innerException: cause);

        public static EscFirmwareException TimedOut(string host, string what, TimeSpan limit) =>
            new EscFirmwareException("EscBmcRequestTimeout", ErrorKind.OperationTimeout,
                host + ": " + what + " did not complete within " + limit.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s.",
                recommendedAction: Phrase.Of($"The BMC may be overloaded or rebooting. Raise {EscParameter.TimeoutSec} or run {EscCommand.GetBmcState}."));

        public static EscFirmwareException CertificateRefused(string host, string? presentedSha256, bool pinned) =>
            new EscFirmwareException(pinned ? "EscBmcCertificateThumbprintMismatch" : "EscBmcCertificateUntrusted", ErrorKind.SecurityError,
                host + ": the BMC's TLS certificate " + (pinned ? "does not match the pinned thumbprint" : "is not trusted")
                + (presentedSha256 != null ? " (it presented SHA-256 " + presentedSha256 + ")" : string.Empty) + ".",
                recommendedAction: pinned
                    ? "Check that this is the right BMC; if its certificate was replaced, pin the new thumbprint."
                    : Phrase.Of($"Install a trusted certificate on the BMC, pin its thumbprint with {EscParameter.CertificateThumbprint}, or (labs only) pass {EscParameter.SkipCertificateCheck}."));

        private static string Describe(Exception? cause)
        {
            var innermost = cause;
            while (innermost?.InnerException != null) innermost = innermost.InnerException;
            return innermost?.Message ?? "no answer";
        }
    }

    internal enum ApiKind
    {
        Redfish,
        AmiWeb,
    }
}
