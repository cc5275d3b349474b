using System;
using System.Globalization;
using System.Linq;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Targets
{
    /// <summary>How a BMC's certificate is checked. Applied to one HTTP client at a time, never process-wide.</summary>
    public sealed class TlsPolicy
    {
        private TlsPolicy(bool skipCertificateCheck, string? pinnedSha256)
        {
            SkipCertificateCheck = skipCertificateCheck;
            PinnedSha256 = pinnedSha256;
        }

        /// <summary>Validate the certificate chain and host name (the default).</summary>
        public static TlsPolicy Validate { get; } = new TlsPolicy(false, null);

        /// <summary>Accept any certificate. For labs and self-signed BMCs; say so in a warning.</summary>
        public static TlsPolicy SkipCheck { get; } = new TlsPolicy(true, null);

        /// <summary>Accept exactly the certificate whose SHA-256 thumbprint is given (hex, colons and spaces ignored).</summary>
        public static TlsPolicy Pin(string sha256Thumbprint)
        {
            var hex = new string((sha256Thumbprint ?? string.Empty).Where(c => c != ':' && c != ' ' && c != '-').ToArray()).ToUpperInvariant();
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            {
                throw new EscFirmwareException("EscInvalidCertificateThumbprint", ErrorKind.InvalidArgument,
                    "The certificate thumbprint must be a SHA-256 hash: 64 hexadecimal digits.",
                    recommendedAction: "Read the BMC certificate's SHA-256 fingerprint (for example with 'openssl x509 -fingerprint -sha256') and pass it.");
            }
            return new TlsPolicy(false, hex);
        }

        public static TlsPolicy From(bool skipCertificateCheck, string? thumbprint)
        {
            if (skipCertificateCheck && !string.IsNullOrEmpty(thumbprint))
            {
                throw new EscFirmwareException("EscConflictingTlsOptions", ErrorKind.InvalidArgument,
                    "Skipping the certificate check and pinning a thumbprint exclude each other.",
                    recommendedAction: "Pass either the skip switch or a thumbprint, not both.");
            }
            if (skipCertificateCheck) return SkipCheck;
            return string.IsNullOrEmpty(thumbprint) ? Validate : Pin(thumbprint!);
        }

        public bool SkipCertificateCheck { get; }
        public string? PinnedSha256 { get; }

        public override string ToString() =>
            SkipCertificateCheck ? "certificate check skipped"
            : PinnedSha256 != null ? "pinned SHA-256 " + PinnedSha256.Substring(0, 8).ToLower(CultureInfo.InvariantCulture) + "…"
            : "certificate chain validated";
    }
}
