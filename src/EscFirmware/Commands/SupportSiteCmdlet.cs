using System.Management.Automation;
using System.Net.Http;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Targets;

namespace EscFirmware.Commands
{
    /// <summary>The certificate options of cmdlets that talk to the vendor's support site or a mirror of it.</summary>
    public abstract class SupportSiteCmdlet : EscCmdlet
    {
        /// <summary>Accept any certificate from the site or mirror (labs only). Excludes -MirrorCertificateThumbprint and -CaCertificatePath.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Accept exactly the site's or mirror's certificate with this SHA-256 thumbprint (an internal mirror).</summary>
        [Parameter]
        [Alias("CertificateThumbprint")]
        [ValidateNotNullOrEmpty]
        [ValidatePattern("^[0-9A-Fa-f:\\- ]{64,95}$")]
        public string[]? MirrorCertificateThumbprint { get; set; }

        /// <summary>Also trust certificates issued by this CA (PEM or DER file): an internal mirror with a private CA, for this command's downloads only.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CaCertificatePath { get; set; }

        protected HttpClient CreateClient()
        {
            if (SkipCertificateCheck) WriteWarning("The support site's certificate is not checked (-SkipCertificateCheck).");
            var ca = CaCertificatePath == null ? null : GetUnresolvedProviderPathFromPSPath(CaCertificatePath);
            return SupportSiteClient.Create(TlsPolicy.From(SkipCertificateCheck.IsPresent, MirrorCertificateThumbprint).TrustingCa(ca));
        }
    }
}
