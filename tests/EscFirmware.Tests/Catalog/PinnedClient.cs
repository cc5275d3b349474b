using System;
using System.Net.Http;
using System.Security.Cryptography;
using EscFirmware.FakeBmc.SupportSite;

namespace EscFirmware.Tests.Catalog;

internal static class PinnedClient
{
    /// <summary>An HTTP client that trusts exactly the fake site's certificate (per client, never process-wide).</summary>
    public static HttpClient For(FakeSupportSite site)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate != null && Convert.ToHexString(SHA256.HashData(certificate.RawData)) == site.CertificateSha256,
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
