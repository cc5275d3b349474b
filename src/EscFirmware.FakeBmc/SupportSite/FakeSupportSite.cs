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
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EscFirmware.FakeBmc.SupportSite;

public sealed class FakeSupportSiteOptions
{
    public IReadOnlyList<FakeProduct> Products { get; init; } = [FakeProduct.Esc8000E12P()];
    /// <summary>Answer an empty Result unless the request carries a <c>tag</c> parameter (the site's stale-cache bug).</summary>
    public bool EmptyAnswerWithoutTag { get; init; }
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

    private FakeSupportSite(WebApplication app, FakeSupportSiteOptions options, X509Certificate2 certificate)
    {
        _app = app;
        _options = options;
        Certificate = certificate;
    }

    public Uri BaseUri { get; private set; } = null!;
    public X509Certificate2 Certificate { get; }
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
        var certificate = SelfSignedCertificate();
        var builder = WebApplication.CreateSlimBuilder(EscFirmware.FakeBmc.Hosting.QuietHostOptions.Create());
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var site = new FakeSupportSite(app, options, certificate);
        foreach (var release in options.Products.SelectMany(p => p.Releases)) site._files[release.ZipName] = Zip(release.Contents);
        app.Use(async (context, next) =>
        {
            site._requests.Enqueue(context.Request.Path + context.Request.QueryString);
            await next(context);
        });
        app.MapGet(LegacyPath, context => site.AnswerAsync(context, absoluteUrls: true));
        app.MapGet(ProductV2Path, context => site.AnswerAsync(context, absoluteUrls: false));
        app.MapGet(DownloadPrefix + "{name}", site.DownloadAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
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

    private static string Slug(string model) => new string(model.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
