using System;
using System.Linq;
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
            var pinned = PresentedSha256 != null && _policy.PinnedSha256.Contains(PresentedSha256);
            var trusted = !_policy.IsPinned || _policy.TrustedCa != null
                ? errors == SslPolicyErrors.None || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate != null && ChainsTo(certificate, _policy.TrustedCa))
                : false;
            var accepted = _policy.SkipCertificateCheck || pinned || trusted;
            Refused = !accepted;
            return accepted;
        }

        /// <summary>True when the certificate chains to the private CA and nothing but the CA's being unknown to the OS is wrong.</summary>
        private static bool ChainsTo(X509Certificate certificate, X509Certificate2? ca)
        {
            if (ca == null) return false;
            using (var chain = new X509Chain())
            {
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
                chain.ChainPolicy.ExtraStore.Add(ca);
#pragma warning disable SYSLIB0057 // netstandard2.0: the certificate the handler gives is already parsed.
                using (var leaf = new X509Certificate2(certificate))
#pragma warning restore SYSLIB0057
                {
                    if (!chain.Build(leaf)) return false;
                    var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
                    return root.RawData.SequenceEqual(ca.RawData)
                        && chain.ChainStatus.All(s => s.Status == X509ChainStatusFlags.NoError || s.Status == X509ChainStatusFlags.UntrustedRoot);
                }
            }
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
