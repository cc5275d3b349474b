using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.SupportSite;

public sealed class FakeSupportSiteOptions
{
    public IReadOnlyList<FakeProduct> Products { get; init; } = [FakeProduct.Esc8000E12P()];
    /// <summary>Answer an empty Result unless the request carries a <c>tag</c> parameter (the site's stale-cache bug).</summary>
    public bool EmptyAnswerWithoutTag { get; init; }
    /// <summary>Serve a certificate issued by a private CA made at start (<see cref="FakeSupportSite.CaCertificate"/>), as an
    /// internal mirror does, instead of a self-signed one.</summary>
    public bool PrivateCa { get; init; }
}

/// <summary>
/// A fake ASUS support site on https://127.0.0.1:&lt;random port&gt; with a self-signed certificate made at start:
/// both GetPDBIOS front-ends, "No Data Found" for unknown models, and the zips it lists, built at start.
/// </summary>
public sealed class FakeSupportSite : IAsyncDisposable
{
    public const string LegacyPath = "/support/api/product.asmx/GetPDBIOS";
    public const string ProductV2Path = "/support/webapi/ProductV2/GetPDBIOS";
    public const string DownloadPrefix = "/pub/ASUS/server/";

    private readonly WebApplication _app;
    private readonly FakeSupportSiteOptions _options;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();

    private FakeSupportSite(WebApplication app, FakeSupportSiteOptions options, X509Certificate2 certificate, X509Certificate2? ca)
    {
        CaCertificate = ca;
        _app = app;
        _options = options;
        Certificate = certificate;
    }

    public Uri BaseUri { get; private set; } = null!;
    public X509Certificate2 Certificate { get; }

    /// <summary>The private CA that issued <see cref="Certificate"/> (public part only); null when it is self-signed.</summary>
    public X509Certificate2? CaCertificate { get; }

    /// <summary>Writes the private CA's certificate as PEM, as a mirror's operator hands it out.</summary>
    public string WriteCaCertificate(string path)
    {
        File.WriteAllText(path, CaCertificate!.ExportCertificatePem());
        return path;
    }
    /// <summary>SHA-256 of the certificate, upper-case hex (what TlsPolicy.Pin takes).</summary>
    public string CertificateSha256 => Convert.ToHexString(SHA256.HashData(Certificate.RawData));
    /// <summary>Every request's path and query, in arrival order.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    public int RequestCount(string pathPrefix) => _requests.Count(r => r.StartsWith(pathPrefix, StringComparison.Ordinal));

    public Uri DownloadUri(string fileName) => new(BaseUri, DownloadPrefix + fileName);

    /// <summary>Serves extra bytes under the download prefix (attack zips, odd files).</summary>
    public Uri AddFile(string fileName, byte[] bytes)
    {
        _files[fileName] = bytes;
        return DownloadUri(fileName);
    }

    public static async Task<FakeSupportSite> StartAsync(FakeSupportSiteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeSupportSiteOptions();
        var (certificate, ca) = options.PrivateCa ? IssuedByPrivateCa() : (SelfSignedCertificate(), null);
        var app = Hosting.LoopbackWebApp.Create(certificate);
        var site = new FakeSupportSite(app, options, certificate, ca);
        foreach (var release in options.Products.SelectMany(p => p.Releases)) site._files[release.ZipName] = Zip(release.Contents);
        app.Use(async (context, next) =>
        {
            site._requests.Enqueue(context.Request.Path + context.Request.QueryString);
            await next(context);
        });
        app.MapGet(LegacyPath, context => site.AnswerAsync(context, absoluteUrls: true));
        app.MapGet(ProductV2Path, context => site.AnswerAsync(context, absoluteUrls: false));
        app.MapGet(DownloadPrefix + "{name}", site.DownloadAsync);
        site.BaseUri = new Uri("https://127.0.0.1:" + await Hosting.LoopbackWebApp.StartAsync(app, cancellationToken) + "/");
        return site;
    }

    public string Sha256Of(string zipName) => Convert.ToHexString(SHA256.HashData(_files[zipName])).ToLowerInvariant();

    private Task AnswerAsync(HttpContext context, bool absoluteUrls)
    {
        var model = context.Request.Query["model"].ToString();
        var product = _options.Products.FirstOrDefault(p => Slug(p.Model) == Slug(model));
        if (product == null)
        {
            return context.Response.WriteAsJsonAsync(new { Status = "SUCCESS", Message = "No Data Found", Result = (object?)null });
        }
        if (_options.EmptyAnswerWithoutTag && !context.Request.Query.ContainsKey("tag"))
        {
            return context.Response.WriteAsJsonAsync(new { Status = "SUCCESS", Message = "SUCCESS", Result = new { Count = 0, product.Model, Obj = Array.Empty<object>() } });
        }
        var groups = product.Releases.GroupBy(r => r.IsBmc).Select(g => new
        {
            Name = g.Key ? "FIRMWARE" : "BIOS",
            Count = g.Count(),
            Files = g.Select((r, i) => new
            {
                Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.Version,
                r.Title,
                Description = r.DescriptionHtml,
                FileSize = $"{_files[r.ZipName].Length / 1048576.0:F2} MB",
                ReleaseDate = r.ReleaseDate.ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture),
                IsRelease = r.IsRelease ? "1" : "0",
                DownloadUrl = new { Global = absoluteUrls ? DownloadUri(r.ZipName) + "?model=" + product.Model : DownloadPrefix + r.ZipName, China = "" },
                HardwareInfoList = Array.Empty<object>(),
                sha256 = r.PublishSha256 ? Sha256Of(r.ZipName) : "",
            }).ToArray(),
        }).ToArray();
        return context.Response.WriteAsJsonAsync(new { Status = "SUCCESS", Message = "SUCCESS", Result = new { Count = groups.Length, product.Model, Obj = groups } });
    }

    private async Task DownloadAsync(HttpContext context, string name)
    {
        if (!_files.TryGetValue(name, out var bytes))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = "application/zip";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static byte[] Zip(IReadOnlyDictionary<string, byte[]> contents)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in contents)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=fake-support.asus.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static (X509Certificate2 Server, X509Certificate2 Ca) IssuedByPrivateCa()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Fake Mirror Root CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddDays(30));
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=mirror.example.internal", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7), Guid.NewGuid().ToByteArray());
        using var withKey = issued.CopyWithPrivateKey(key);
        return (X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null), X509CertificateLoader.LoadCertificate(ca.RawData));
    }

    private static string Slug(string model) => new string(model.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
