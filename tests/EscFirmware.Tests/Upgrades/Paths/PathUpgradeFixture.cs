using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Audit;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Upgrades;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Support;
using Xunit;
using PinnedClient = EscFirmware.Tests.Catalog.PinnedClient;

namespace EscFirmware.Tests.Upgrades.Paths;

/// <summary>
/// Fake BMCs behind on their BMC firmware, a fake support site whose BMC 1.37.1 may be flashed only over 1.29.1 or later
/// (release notes and image header), and private package cache, journal and audit files.
/// </summary>
public sealed class PathUpgradeFixture : IAsyncDisposable
{
    private readonly TempDirectory _temp = new();

    private PathUpgradeFixture(UpgradeFleet fleet, FakeSupportSite site)
    {
        Fleet = fleet;
        Site = site;
        Http = PinnedClient.For(site);
    }

    public UpgradeFleet Fleet { get; }
    public FakeSupportSite Site { get; }
    public HttpClient Http { get; }
    public string PackageCache => _temp.File("packages");
    public string CatalogFile => _temp.File("catalog.json");

    /// <summary>BMC 1.20.0 -> 1.29.1 -> 1.37.1; the BIOS is already at its newest release (0804).</summary>
    public static FakeProduct Stepped(bool withIntermediate = true) => new()
    {
        Model = "ESC8000-E12P",
        Releases = new[]
        {
            FakeProduct.Bios("0804", new DateOnly(2025, 4, 18), 4096),
            FakeProduct.Bmc("1.37.1", new DateOnly(2025, 3, 10), 48 * 1024, minimumFrom: "1.29.1"),
            FakeProduct.Bmc("1.29.1", new DateOnly(2024, 9, 30), 48 * 1024),
        }.Where(r => withIntermediate || r.Version != "1.29.1").ToList(),
    };

    /// <summary>BIOS 0401 -> 0603 -> 0804 (0804 may be flashed only over 0603 or later); the BMC is already at its newest release.</summary>
    public static FakeProduct SteppedBios() => new()
    {
        Model = "ESC8000-E12P",
        Releases =
        [
            FakeProduct.Bios("0804", new DateOnly(2025, 4, 18), 100_000, minimumFrom: "0603"),
            FakeProduct.Bios("0603", new DateOnly(2024, 11, 2), 100_000),
            FakeProduct.Bmc("1.37.1", new DateOnly(2025, 3, 10), 48 * 1024),
        ],
    };

    public static FakeBmcOptions TwoStepsBehind() => UpgradeFleet.Behind() with { BmcVersion = "1.20.0", BackupBmcVersion = "1.20.0", BiosVersion = "0804" };

    public static async Task<PathUpgradeFixture> StartAsync(FakeProduct product, params FakeBmcOptions[] servers) =>
        new(await UpgradeFleet.StartAsync(servers), await FakeSupportSite.StartAsync(new FakeSupportSiteOptions { Products = [product] }));

    public FirmwareUpgradeOptions Options(bool whatIf = false)
    {
        var options = Fleet.Options(whatIf);
        options.BmcImagePath = null;
        options.BiosImagePath = null;
        options.Model = "ESC8000-E12P";
        options.Latest = true;
        options.PackageCachePath = PackageCache;
        options.Catalog = new AsusCatalogSettings { BaseUri = Site.BaseUri, Api = AsusCatalogApi.Legacy };
        return options;
    }

    public RecordingSink Run(FirmwareUpgradeOptions options, bool confirm = true)
    {
        var sink = new RecordingSink(confirm);
        new FirmwareUpgradeOperation(Fleet.Request(), options, Http).Run(sink, CancellationToken.None);
        Assert.True(sink.AllCallsOnPipelineThread);
        return sink;
    }

    /// <summary>The catalog as an air-gapped site keeps it: the site's answer saved to a file.</summary>
    public async Task SaveCatalogFileAsync() =>
        File.WriteAllText(CatalogFile, await Http.GetStringAsync(new Uri(Site.BaseUri, FakeSupportSite.LegacyPath + "?website=global&model=ESC8000-E12P")));

    /// <summary>Fetches every BMC release's package into the cache, as an admin carries them in with the catalog.</summary>
    public void FillPackageCache()
    {
        var catalog = AsusCatalogClient.ReadFile(CatalogFile, "ESC8000-E12P", new AsusCatalogSettings());
        foreach (var release in catalog.Releases)
        {
            var sink = new RecordingSink();
            new SaveFirmwarePackageOperation(Http, new PackageSettings()) { Destination = Core.Packages.PackageCache.FolderFor(PackageCache, release.Model, release.Component, release.Version) }
                .Run([new PackageRequest(release.DownloadUri!, release.Sha256)], sink, CancellationToken.None);
            Assert.Empty(sink.Errors);
        }
    }

    public EscFirmwareAuditRecord[] Audit()
    {
        var sink = new RecordingSink();
        new ReadAuditOperation(Fleet.AuditPath, new AuditQuery()).Run(sink, CancellationToken.None);
        return sink.OfType<EscFirmwareAuditRecord>().ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Site.DisposeAsync();
        await Fleet.DisposeAsync();
        _temp.Dispose();
    }
}
