using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.Hpm;
using Xunit;

namespace EscFirmware.Tests.Catalog;

public sealed class AsusCatalogClientTests
{
    private static AsusCatalogSettings SettingsFor(FakeSupportSite site, AsusCatalogApi api) =>
        new() { BaseUri = site.BaseUri, DownloadBaseUri = site.BaseUri, Api = api, RequestTimeout = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData(AsusCatalogApi.ProductV2)]
    [InlineData(AsusCatalogApi.Legacy)]
    public async Task Both_front_ends_give_the_same_releases_with_absolute_addresses(AsusCatalogApi api)
    {
        await using var site = await FakeSupportSite.StartAsync();
        using var http = PinnedClient.For(site);

        var lookup = await new AsusCatalogClient(http, SettingsFor(site, api)).FindAsync("esc8000-e12p", CancellationToken.None);

        Assert.Equal(new[] { "0804", "1.37.1", "0603", "1.29.1" }, lookup.Releases.Select(r => r.Version));
        Assert.All(lookup.Releases, r => Assert.StartsWith(site.BaseUri + "pub/ASUS/server/", r.DownloadUri!.ToString(), StringComparison.Ordinal));
        Assert.Equal(1, site.RequestCount(api == AsusCatalogApi.Legacy ? FakeSupportSite.LegacyPath : FakeSupportSite.ProductV2Path));
    }

    [Fact]
    public async Task An_unknown_model_gives_no_releases_and_the_sites_message_after_one_retry()
    {
        await using var site = await FakeSupportSite.StartAsync();
        using var http = PinnedClient.For(site);

        var lookup = await new AsusCatalogClient(http, SettingsFor(site, AsusCatalogApi.ProductV2)).FindAsync("ESC9999", CancellationToken.None);

        Assert.Empty(lookup.Releases);
        Assert.Contains("No Data Found", lookup.Message, StringComparison.Ordinal);
        Assert.Equal(2, site.RequestCount(FakeSupportSite.ProductV2Path));
    }

    [Fact]
    public async Task An_empty_cached_answer_is_retried_once_with_a_tag()
    {
        await using var site = await FakeSupportSite.StartAsync(new FakeSupportSiteOptions { EmptyAnswerWithoutTag = true });
        using var http = PinnedClient.For(site);

        var lookup = await new AsusCatalogClient(http, SettingsFor(site, AsusCatalogApi.ProductV2)).FindAsync("ESC8000-E12P", CancellationToken.None);

        Assert.Equal(4, lookup.Releases.Count);
        Assert.Equal(2, site.Requests.Count);
        Assert.Contains("&tag=", site.Requests[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_gives_the_newest_release_per_component()
    {
        await using var site = await FakeSupportSite.StartAsync();
        using var http = PinnedClient.For(site);
        var sink = new RecordingSink();

        new FindFirmwareOperation(http, SettingsFor(site, AsusCatalogApi.ProductV2)).Run(new[] { "ESC8000-E12P" }, sink, CancellationToken.None);

        Assert.Empty(sink.Errors);
        Assert.Equal(new[] { "Bmc 1.37.1", "Bios 0804" }, sink.Of<EscFirmwareRelease>().Select(r => r.Component + " " + r.Version));
    }

    [Fact]
    public async Task Find_with_component_and_all_lists_every_entry_of_that_kind()
    {
        await using var site = await FakeSupportSite.StartAsync();
        using var http = PinnedClient.For(site);
        var sink = new RecordingSink();

        new FindFirmwareOperation(http, SettingsFor(site, AsusCatalogApi.Legacy)) { Component = FirmwareComponent.Bios, All = true }
            .Run(new[] { "ESC8000-E12P" }, sink, CancellationToken.None);

        Assert.Equal(new[] { "0804", "0603" }, sink.Of<EscFirmwareRelease>().Select(r => r.Version));
    }

    [Fact]
    public async Task Find_for_an_unknown_model_is_an_object_not_found_error()
    {
        await using var site = await FakeSupportSite.StartAsync();
        using var http = PinnedClient.For(site);
        var sink = new RecordingSink();

        new FindFirmwareOperation(http, SettingsFor(site, AsusCatalogApi.ProductV2)).Run(new[] { "ESC9999" }, sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal("EscFirmwareNotFound", error.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
        Assert.Contains("No Data Found", error.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Objects);
    }

    [Fact]
    public void Find_reads_a_local_catalog_file_without_a_network()
    {
        using var dir = new TempDirectory();
        var path = dir.File("catalog.json");
        File.WriteAllText(path, """
            {"Status":"SUCCESS","Message":"SUCCESS","Result":{"Model":"ESC8000-E12P","Obj":[{"Name":"BIOS","Files":[
              {"Version":"0804","Title":"BIOS 0804","FileSize":"64 MB","ReleaseDate":"2025/04/18","IsRelease":"1","DownloadUrl":{"Global":"/pub/ASUS/server/bios.zip"}}]}]}}
            """);
        var sink = new RecordingSink();

        new FindFirmwareOperation(null, new AsusCatalogSettings()) { CatalogPath = path }.Run(new[] { "ESC8000-E12P" }, sink, CancellationToken.None);

        var release = Assert.Single(sink.Of<EscFirmwareRelease>());
        Assert.Equal("https://dlcdnets.asus.com/pub/ASUS/server/bios.zip", release.DownloadUri!.ToString());
    }

    [Fact]
    public void A_catalog_file_that_is_not_json_is_an_invalid_data_error()
    {
        using var dir = new TempDirectory();
        var path = dir.File("catalog.json");
        File.WriteAllText(path, "<html>proxy login</html>");

        var error = Assert.Throws<EscFirmwareException>(() => AsusCatalogClient.ReadFile(path, "ESC8000-E12P", new AsusCatalogSettings()));

        Assert.Equal("EscCatalogInvalid", error.ErrorId);
    }
}
