using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.Catalog;
using EscFirmware.Tests.Hpm;
using Xunit;

namespace EscFirmware.Tests.Packages;

public sealed class SaveFirmwarePackageTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private FakeSupportSite _site = null!;
    private System.Net.Http.HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _site = await FakeSupportSite.StartAsync();
        _http = PinnedClient.For(_site);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _site.DisposeAsync();
        _dir.Dispose();
    }

    private const string BiosZip = "ESC8000-E12P-ASUS-0804.zip";

    private PackageDownloader Downloader(PackageSettings? settings = null) => new(_http, settings ?? new PackageSettings());

    [Fact]
    public async Task A_download_reports_progress_and_records_its_hash()
    {
        long lastReceived = 0;
        long? lastTotal = null;

        var package = await Downloader().DownloadAsync(_site.DownloadUri(BiosZip), _dir.Path, _site.Sha256Of(BiosZip),
            (received, total) => { lastReceived = received; lastTotal = total; }, CancellationToken.None);

        Assert.False(package.Reused);
        Assert.Equal(_site.Sha256Of(BiosZip), package.Sha256);
        Assert.Equal(new FileInfo(package.Path).Length, lastReceived);
        Assert.Equal(lastReceived, lastTotal);
        Assert.StartsWith(package.Sha256 + "  " + BiosZip, File.ReadAllText(package.Path + ".sha256"), StringComparison.Ordinal);
        Assert.Equal(new[] { BiosZip, BiosZip + ".sha256" }, Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task The_file_appears_under_its_name_only_when_complete()
    {
        var seenEarly = false;

        await Downloader().DownloadAsync(_site.DownloadUri(BiosZip), _dir.Path, null,
            (_, _) => seenEarly |= File.Exists(_dir.File(BiosZip)), CancellationToken.None);

        Assert.False(seenEarly);
        Assert.True(File.Exists(_dir.File(BiosZip)));
    }

    [Fact]
    public async Task A_sha256_mismatch_is_refused_and_nothing_is_kept()
    {
        var error = await Assert.ThrowsAsync<EscFirmwareException>(() => Downloader().DownloadAsync(
            _site.DownloadUri(BiosZip), _dir.Path, new string('0', 64), null, CancellationToken.None));

        Assert.Equal("EscPackageHashMismatch", error.ErrorId);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public async Task A_download_larger_than_the_bound_is_refused_and_nothing_is_kept()
    {
        var error = await Assert.ThrowsAsync<EscFirmwareException>(() => Downloader(new PackageSettings { MaxDownloadBytes = 1000 })
            .DownloadAsync(_site.DownloadUri(BiosZip), _dir.Path, null, null, CancellationToken.None));

        Assert.Equal("EscDownloadTooLarge", error.ErrorId);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public async Task A_verified_file_already_present_is_not_downloaded_again()
    {
        var uri = _site.DownloadUri(BiosZip);
        await Downloader().DownloadAsync(uri, _dir.Path, null, null, CancellationToken.None);

        var byRecordedHash = await Downloader().DownloadAsync(uri, _dir.Path, null, null, CancellationToken.None);
        var byGivenHash = await Downloader().DownloadAsync(uri, _dir.Path, _site.Sha256Of(BiosZip), null, CancellationToken.None);

        Assert.True(byRecordedHash.Reused);
        Assert.True(byGivenHash.Reused);
        Assert.Equal(1, _site.RequestCount(FakeSupportSite.DownloadPrefix));
    }

    [Fact]
    public async Task A_damaged_file_already_present_is_downloaded_again()
    {
        var uri = _site.DownloadUri(BiosZip);
        var first = await Downloader().DownloadAsync(uri, _dir.Path, null, null, CancellationToken.None);
        File.WriteAllText(first.Path, "damaged");

        var second = await Downloader().DownloadAsync(uri, _dir.Path, null, null, CancellationToken.None);

        Assert.False(second.Reused);
        Assert.Equal(_site.Sha256Of(BiosZip), second.Sha256);
        Assert.Equal(2, _site.RequestCount(FakeSupportSite.DownloadPrefix));
    }

    [Fact]
    public async Task A_missing_file_is_a_resource_error_naming_the_status()
    {
        var error = await Assert.ThrowsAsync<EscFirmwareException>(() => Downloader().DownloadAsync(
            _site.DownloadUri("absent.zip"), _dir.Path, null, null, CancellationToken.None));

        Assert.Equal("EscDownloadHttpError", error.ErrorId);
        Assert.Contains("answered HTTP 404 (Not Found)", error.Message);
        Assert.Null(error.VendorCode); // the status is the server's, not a BMC's code

    }

    [Theory]
    [InlineData(AsusCatalogApi.ProductV2, FirmwareComponent.Bios, "0804", "Z14PG-D32-ASUS-0804.HPM", "BIOS(CID 4)")]
    [InlineData(AsusCatalogApi.Legacy, FirmwareComponent.Bmc, "1.37.1", "ESC8000-E12P_ASMB12_1.37.1.hpm", "BOOT")]
    public async Task Find_then_save_gives_the_validated_flashable_image(AsusCatalogApi api, FirmwareComponent kind, string version, string imageName, string firstComponent)
    {
        var settings = new AsusCatalogSettings { BaseUri = _site.BaseUri, DownloadBaseUri = _site.BaseUri, Api = api };
        var found = new RecordingSink();
        new FindFirmwareOperation(_http, settings) { Component = kind }.Run(new[] { "ESC8000-E12P" }, found, CancellationToken.None);
        var release = Assert.Single(found.Of<EscFirmwareRelease>());
        var saved = new RecordingSink();

        new SaveFirmwarePackageOperation(_http, new PackageSettings()) { Destination = _dir.Path }
            .Run(new[] { new PackageRequest(release.DownloadUri!, release.Sha256) }, saved, CancellationToken.None);

        Assert.Empty(saved.Errors);
        var image = Assert.Single(saved.Of<EscFirmwareImage>());
        Assert.True(image.IsValid);
        Assert.Equal(kind, image.Kind);
        Assert.Equal(version, image.Version);
        Assert.Equal(imageName, Path.GetFileName(image.Path));
        Assert.Equal(firstComponent, image.Components[0]);
        Assert.Contains(saved.Progress, p => p.PercentComplete == 100);
        Assert.Contains(saved.Verbose, v => v.Contains("(verified)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Save_from_a_local_catalog_file_uses_no_catalog_request()
    {
        var catalog = _dir.File("catalog.json");
        using (var answer = await _http.GetAsync(new Uri(_site.BaseUri, FakeSupportSite.ProductV2Path.TrimStart('/') + "?website=global&model=ESC8000-E12P")))
        {
            File.WriteAllText(catalog, await answer.Content.ReadAsStringAsync());
        }
        var settings = new AsusCatalogSettings { BaseUri = new Uri("https://www.asus.invalid/"), DownloadBaseUri = _site.BaseUri };
        var found = new RecordingSink();
        new FindFirmwareOperation(null, settings) { CatalogPath = catalog, Component = FirmwareComponent.Bios }.Run(new[] { "esc8000-e12p" }, found, CancellationToken.None);
        var saved = new RecordingSink();

        new SaveFirmwarePackageOperation(_http, new PackageSettings()) { Destination = _dir.File("pkgs") }
            .Run(found.Of<EscFirmwareRelease>().Select(r => new PackageRequest(r.DownloadUri!, r.Sha256)).ToArray(), saved, CancellationToken.None);

        Assert.Equal("0804", Assert.Single(saved.Of<EscFirmwareImage>()).Version);
        Assert.Equal(1, _site.RequestCount(FakeSupportSite.ProductV2Path));
    }

    [Fact]
    public void Save_with_whatif_writes_nothing()
    {
        var sink = new RecordingSink { Confirm = false };

        new SaveFirmwarePackageOperation(_http, new PackageSettings()) { Destination = _dir.Path }
            .Run(new[] { new PackageRequest(_site.DownloadUri(BiosZip)) }, sink, CancellationToken.None);

        Assert.Empty(sink.Objects);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
        Assert.Equal(0, _site.RequestCount(FakeSupportSite.DownloadPrefix));
    }

    [Fact]
    public void A_package_with_only_a_capsule_is_an_error_naming_what_it_holds()
    {
        var zip = _dir.File("cap-only.zip");
        ZipFactory.Write(zip, ("Z14PG-D32-ASUS-0804.CAP", new byte[100], 0));
        var uri = _site.AddFile("cap-only.zip", File.ReadAllBytes(zip));
        var sink = new RecordingSink();

        new SaveFirmwarePackageOperation(_http, new PackageSettings()) { Destination = _dir.File("pkgs") }
            .Run(new[] { new PackageRequest(uri) }, sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal("EscPackageHasNoImage", error.ErrorId);
        Assert.Contains("Z14PG-D32-ASUS-0804.CAP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_slip_package_from_the_site_is_refused()
    {
        var zip = _dir.File("slip.zip");
        ZipFactory.Write(zip, ("../../escaped.hpm", HpmImageWriter.ToBytes(HpmImageSpec.Bios()), 0));
        var uri = _site.AddFile("slip.zip", File.ReadAllBytes(zip));
        var sink = new RecordingSink();

        new SaveFirmwarePackageOperation(_http, new PackageSettings()) { Destination = _dir.File("pkgs") }
            .Run(new[] { new PackageRequest(uri) }, sink, CancellationToken.None);

        Assert.Equal("EscPackageUnsafe", Assert.Single(sink.Errors).ErrorId);
        Assert.Empty(Directory.GetFiles(_dir.Path, "escaped.hpm", SearchOption.AllDirectories));
    }

    [Fact]
    public void Test_image_operation_in_strict_mode_turns_an_invalid_image_into_an_error()
    {
        var good = _dir.File("good.hpm");
        var bad = _dir.File("bad.hpm");
        HpmImageWriter.WriteFile(HpmImageSpec.Bios(), good);
        HpmImageWriter.WriteFile(HpmImageSpec.Bios(defect: HpmDefect.BadMd5), bad);
        var lenient = new RecordingSink();
        var strict = new RecordingSink();

        new TestFirmwareImageOperation().Run(new[] { good, bad, _dir.File("absent.hpm") }, lenient, CancellationToken.None);
        new TestFirmwareImageOperation { Strict = true }.Run(new[] { good, bad }, strict, CancellationToken.None);

        Assert.Equal(new[] { true, false }, lenient.Of<EscFirmwareImage>().Select(i => i.IsValid));
        Assert.Equal("EscImageNotFound", Assert.Single(lenient.Errors).ErrorId);
        Assert.True(Assert.Single(strict.Of<EscFirmwareImage>()).IsValid);
        var error = Assert.Single(strict.Errors);
        Assert.Equal("EscInvalidFirmwareImage", error.ErrorId);
        Assert.Contains("MD5 trailer", error.Message, StringComparison.Ordinal);
    }
}
