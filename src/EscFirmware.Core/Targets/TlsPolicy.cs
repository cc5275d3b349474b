using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Targets
{
    /// <summary>How a BMC's certificate is checked. Applied to one HTTP client at a time, never process-wide.</summary>
    public sealed class TlsPolicy
    {
        private TlsPolicy(bool skipCertificateCheck, IReadOnlyCollection<string> pinnedSha256, X509Certificate2? trustedCa = null)
        {
            SkipCertificateCheck = skipCertificateCheck;
            PinnedSha256 = pinnedSha256;
            TrustedCa = trustedCa;
        }

        /// <summary>
        /// This policy plus a private CA (an internal mirror's): certificates that chain to it are accepted as well as those
        /// the OS store trusts (and pinned ones). Only for this client; the OS store is not changed.
        /// </summary>
        public TlsPolicy TrustingCa(string? caCertificatePath)
        {
            if (caCertificatePath == null) return this;
            if (SkipCertificateCheck) throw Conflicting();
            return new TlsPolicy(false, PinnedSha256, LoadCertificate(caCertificatePath));
        }

        private static X509Certificate2 LoadCertificate(string path)
        {
            if (!File.Exists(path)) throw SupportSiteErrors.CaCertificateUnreadable(path, "there is no such file");
            try
            {
#pragma warning disable SYSLIB0057 // netstandard2.0 has no X509CertificateLoader; the constructor reads PEM and DER.
                var certificate = new X509Certificate2(path);
#pragma warning restore SYSLIB0057
                if (certificate.HasPrivateKey) certificate = new X509Certificate2(certificate.RawData);
                return certificate;
            }
            catch (CryptographicException unreadable)
            {
                throw SupportSiteErrors.CaCertificateUnreadable(path, "it is not a certificate (" + unreadable.Message.TrimEnd('.') + ")");
            }
        }

        /// <summary>A private CA that chains are also checked against; null for the OS store alone.</summary>
        public X509Certificate2? TrustedCa { get; }

        /// <summary>Validate the certificate chain and host name (the default).</summary>
        public static TlsPolicy Validate { get; } = new TlsPolicy(false, Array.Empty<string>());

        /// <summary>Accept any certificate. For labs and self-signed BMCs; say so in a warning.</summary>
        public static TlsPolicy SkipCheck { get; } = new TlsPolicy(true, Array.Empty<string>());

        /// <summary>
        /// Accept exactly the certificates whose SHA-256 thumbprints are given (hex; colons, dashes and spaces ignored).
        /// Several thumbprints let one run pin a fleet of BMCs that each have their own self-signed certificate.
        /// </summary>
        public static TlsPolicy Pin(params string[] sha256Thumbprints)
        {
            if (sha256Thumbprints == null || sha256Thumbprints.Length == 0) throw InvalidThumbprint();
            return new TlsPolicy(false, new HashSet<string>(sha256Thumbprints.Select(Normalize), StringComparer.OrdinalIgnoreCase));
        }

        private static string Normalize(string sha256Thumbprint)
        {
            var hex = new string((sha256Thumbprint ?? string.Empty).Where(c => c != ':' && c != ' ' && c != '-').ToArray()).ToUpperInvariant();
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit)) throw InvalidThumbprint();
            return hex;
        }

        private static EscFirmwareException InvalidThumbprint() =>
            new EscFirmwareException("EscInvalidCertificateThumbprint", ErrorKind.InvalidArgument,
                "The certificate thumbprint must be a SHA-256 hash: 64 hexadecimal digits.",
                recommendedAction: "Read the BMC certificate's SHA-256 fingerprint (for example with 'openssl x509 -fingerprint -sha256') and pass it.");

        public static TlsPolicy From(bool skipCertificateCheck, IReadOnlyCollection<string>? thumbprints)
        {
            var pins = thumbprints ?? Array.Empty<string>();
            if (skipCertificateCheck && pins.Count > 0)
            {
                throw Conflicting();
            }
            if (skipCertificateCheck) return SkipCheck;
            return pins.Count == 0 ? Validate : Pin(pins.ToArray());
        }

        private static EscFirmwareException Conflicting() =>
            new EscFirmwareException("EscConflictingTlsOptions", ErrorKind.InvalidArgument,
                "Skipping the certificate check excludes pinning a thumbprint or trusting a CA.",
                recommendedAction: Phrase.Of($"Pass either {EscParameter.SkipCertificateCheck} or a thumbprint or CA certificate, not both."));

        public bool SkipCertificateCheck { get; }

        /// <summary>The accepted SHA-256 thumbprints (upper-case hex); empty unless pinned.</summary>
        public IReadOnlyCollection<string> PinnedSha256 { get; }

        public bool IsPinned => PinnedSha256.Count > 0;

        public override string ToString() =>
            SkipCertificateCheck ? "certificate check skipped"
            : IsPinned ? "pinned to " + PinnedSha256.Count.ToString(CultureInfo.InvariantCulture) + " SHA-256 thumbprint(s)"
            : TrustedCa != null ? "certificate chain validated against the OS store and the CA " + TrustedCa.Subject
            : "certificate chain validated";
    }
}
