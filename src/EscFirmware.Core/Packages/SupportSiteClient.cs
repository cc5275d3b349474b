using System.Net.Http;
using System.Threading;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;

namespace EscFirmware.Core.Packages
{
    /// <summary>The HTTP client for the vendor's support site and CDN, with its own certificate check (never process-wide).</summary>
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
            var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("EscFirmware");
            return http;
        }
    }
}
