using System.Management.Automation;
using System.Net.Http;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Targets;

namespace EscFirmware.Commands
{
    /// <summary>The certificate options of cmdlets that talk to the vendor's support site or a mirror of it.</summary>
    public abstract class SupportSiteCmdlet : EscCmdlet
    {
        /// <summary>Accept any certificate from the site or mirror (labs only). Excludes -CertificateThumbprint.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Accept exactly the site certificate with this SHA-256 thumbprint (an internal mirror).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern("^[0-9A-Fa-f:\\- ]{64,95}$")]
        public string[]? CertificateThumbprint { get; set; }

        protected HttpClient CreateClient()
        {
            if (SkipCertificateCheck) WriteWarning("The support site's certificate is not checked (-SkipCertificateCheck).");
            return SupportSiteClient.Create(TlsPolicy.From(SkipCertificateCheck.IsPresent, CertificateThumbprint));
        }
    }
}
