using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Updates;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.Hpm;
using Xunit;

namespace EscFirmware.Tests.Packages;

/// <summary>
/// An internal mirror with a private CA: refused by default (the OS store does not know the CA) with a message that says
/// how to trust it; trusted with --ca-certificate or --mirror-certificate-thumbprint for that run's client only; its HTTP
/// errors named as the mirror's; package save filling the package cache the way upgrade --latest reads it.
/// </summary>
public sealed class MirrorTrustTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private FakeSupportSite _mirror = null!;
    private string _ca = null!;

    public async Task InitializeAsync()
    {
        _mirror = await FakeSupportSite.StartAsync(new FakeSupportSiteOptions { PrivateCa = true });
        _ca = _mirror.WriteCaCertificate(_dir.File("mirror-ca.pem"));
    }

    public async Task DisposeAsync()
    {
        await _mirror.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await EscfwApp.RunAsync(args, new CliContext(output, error, new StringReader(""), _ => null, isTerminal: false));
        return (code, output.ToString(), error.ToString());
    }

    private string[] Catalog(params string[] more) =>
        new[] { "catalog", "--model", "ESC8000-E12P", "--catalog-uri", _mirror.BaseUri.ToString(), "--legacy-api", "--json" }.Concat(more).ToArray();

    [Fact]
    public async Task A_private_CA_is_refused_by_default_with_the_options_that_trust_it_and_trusted_with_ca_certificate()
    {
        var (refusedCode, refusedOut, refusedErr) = await RunAsync(Catalog());
        var (trustedCode, trustedOut, trustedErr) = await RunAsync(Catalog("--ca-certificate", _ca));
        var (pinnedCode, _, pinnedErr) = await RunAsync(Catalog("--mirror-certificate-thumbprint", _mirror.CertificateSha256));

        Assert.Equal(ExitCodes.SomeTargetFailed, refusedCode);
        var refusal = Assert.Single(JsonNode.Parse(refusedOut)!.AsArray())!["Error"]!;
        Assert.Equal("EscCatalogUnreachable", (string?)refusal["ErrorId"]);
        Assert.Contains("The certificate of 127.0.0.1 is not trusted", (string?)refusal["Message"]);
        Assert.Contains("SHA-256 " + _mirror.CertificateSha256, (string?)refusal["Message"]);
        Assert.Contains("--ca-certificate", (string?)refusal["RecommendedAction"]);
        Assert.Contains("--mirror-certificate-thumbprint " + _mirror.CertificateSha256, (string?)refusal["RecommendedAction"]);
        Assert.DoesNotContain("see inner exception", refusedOut + refusedErr);
        Assert.DoesNotContain("BMC code", refusedErr);

        Assert.True(trustedCode == ExitCodes.Success, trustedErr);
        Assert.Contains(JsonNode.Parse(trustedOut)!.AsArray(), r => (string?)r!["Version"] == "0804");
        Assert.True(pinnedCode == ExitCodes.Success, pinnedErr);

        // Per client: the run trusted the CA for its own downloads only; a client of the process still refuses the mirror.
        using var plain = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync(_mirror.BaseUri));
    }

    [Fact]
    public async Task The_CA_is_not_a_blanket_pass_a_certificate_it_did_not_issue_is_still_refused()
    {
        await using var other = await FakeSupportSite.StartAsync();

        var (code, output, _) = await RunAsync("catalog", "--model", "ESC8000-E12P", "--catalog-uri", other.BaseUri.ToString(), "--legacy-api", "--json", "--ca-certificate", _ca);

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        Assert.Contains("is not trusted", (string?)Assert.Single(JsonNode.Parse(output)!.AsArray())!["Error"]!["Message"]);
    }

    [Fact]
    public async Task A_404_from_the_mirror_is_named_as_the_mirror_answer_not_as_a_BMC_code()
    {
        var (code, output, error) = await RunAsync("package", "save", "--uri", _mirror.DownloadUri("ESC8000-E12P-ASUS-9999.zip").ToString(), "--ca-certificate", _ca,
            "--destination", _dir.File("saved"), "--json");

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        var failure = Assert.Single(JsonNode.Parse(output)!.AsArray())!["Error"]!;
        Assert.Equal("EscDownloadHttpError", (string?)failure["ErrorId"]);
        Assert.Contains("The download server 127.0.0.1 (the support site or a mirror) answered HTTP 404", (string?)failure["Message"]);
        Assert.Null(failure["VendorCode"]);
        Assert.DoesNotContain("BMC code", error);
    }

    [Fact]
    public async Task Package_save_fills_the_package_cache_where_upgrade_latest_looks_and_a_second_run_downloads_nothing()
    {
        var cache = _dir.File("cache");

        var (code, output, error) = await RunAsync("package", "save", "--model", "ESC8000-E12P", "--catalog-uri", _mirror.BaseUri.ToString(), "--legacy-api",
            "--ca-certificate", _ca, "--package-cache", cache, "--json");
        var downloads = _mirror.Requests.Count(r => r.Contains(FakeSupportSite.DownloadPrefix, StringComparison.Ordinal));
        var (again, _, againErr) = await RunAsync("package", "save", "--model", "ESC8000-E12P", "--catalog-uri", _mirror.BaseUri.ToString(), "--legacy-api",
            "--ca-certificate", _ca, "--package-cache", cache, "--json");

        Assert.True(code == ExitCodes.Success, error);
        var images = JsonNode.Parse(output)!.AsArray();
        Assert.NotEmpty(images);
        foreach (var (component, version) in new[] { (FirmwareComponent.Bmc, "1.37.1"), (FirmwareComponent.Bios, "0804") })
        {
            var folder = PackageCache.FolderFor(cache, "ESC8000-E12P", component, version);
            Assert.Equal(Path.Combine(cache, "ESC8000-E12P", component.ToString(), version), folder);
            Assert.Single(Directory.GetFiles(folder, "*.zip"));
            Assert.Single(Directory.GetFiles(folder, "*.zip.sha256"));
            Assert.Contains(images, i => ((string?)i!["Path"])!.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        }
        Assert.True(again == ExitCodes.Success, againErr);
        Assert.Equal(downloads, _mirror.Requests.Count(r => r.Contains(FakeSupportSite.DownloadPrefix, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("there is no such file", "no-such-ca.pem")]
    [InlineData("it is not a certificate", "not-a-certificate.pem")]
    public async Task An_unusable_CA_file_is_a_usage_error(string expected, string name)
    {
        File.WriteAllText(_dir.File("not-a-certificate.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        var (code, output, error) = await RunAsync(Catalog("--ca-certificate", _dir.File(name)));

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(expected, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(string.Empty, output);
    }
}
