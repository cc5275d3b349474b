using System.Net.Http;
using System.Threading;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;

namespace EscFirmware.Core.Packages
{
    /// <summary>The HTTP client for the vendor's support site, its CDN or an internal mirror, with its own certificate
    /// check (the OS store, a private CA, pinned thumbprints; never process-wide).</summary>
    public static class SupportSiteClient
    {
        public static HttpClient Create(TlsPolicy tls)
        {
            var inspector = new CertificateInspector(tls);
            var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = inspector.Validate,
            };
            // Each operation bounds its own waits (response, stall); the client-wide timeout would cut long downloads.
            var http = new SupportSiteHttpClient(handler, inspector) { Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("EscFirmware");
            return http;
        }
    }

    /// <summary>A support-site client that remembers what its certificate check saw, so a refusal can name the certificate.</summary>
    internal sealed class SupportSiteHttpClient : HttpClient
    {
        public SupportSiteHttpClient(HttpMessageHandler handler, CertificateInspector inspector)
            : base(handler, disposeHandler: true) => Inspector = inspector;

        public CertificateInspector Inspector { get; }
    }
}
