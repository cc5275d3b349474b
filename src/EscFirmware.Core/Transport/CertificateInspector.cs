using System;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EscFirmware.Core.Targets;

namespace EscFirmware.Core.Transport
{
    /// <summary>
    /// The certificate check of one HTTP client, built from a <see cref="TlsPolicy"/>. It remembers what the server
    /// presented so that a refusal can tell the user which thumbprint to pin.
    /// </summary>
    internal sealed class CertificateInspector
    {
        private readonly TlsPolicy _policy;

        public CertificateInspector(TlsPolicy policy) => _policy = policy;

        public string? PresentedSha256 { get; private set; }
        public SslPolicyErrors PresentedErrors { get; private set; }
        public bool Refused { get; private set; }

        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            PresentedErrors = errors;
            PresentedSha256 = certificate == null ? null : Sha256Of(certificate);
            var accepted = _policy.SkipCertificateCheck
                || (_policy.PinnedSha256 != null
                    ? string.Equals(PresentedSha256, _policy.PinnedSha256, StringComparison.OrdinalIgnoreCase)
                    : errors == SslPolicyErrors.None);
            Refused = !accepted;
            return accepted;
        }

        public static string Sha256Of(X509Certificate certificate)
        {
            using (var sha = SHA256.Create())
            {
                return BitConverter.ToString(sha.ComputeHash(certificate.GetRawCertData())).Replace("-", string.Empty);
            }
        }
    }
}
