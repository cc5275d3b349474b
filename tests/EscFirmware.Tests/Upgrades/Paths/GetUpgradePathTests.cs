using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Upgrades.Paths;
using EscFirmware.FakeBmc.SupportSite;
using PinnedClient = EscFirmware.Tests.Catalog.PinnedClient;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Upgrades.Paths;

/// <summary>Get-EscUpgradePath's operation and escfw path against the fake support site, whose release notes carry the constraints.</summary>
public sealed class GetUpgradePathTests
{
    private static FakeProduct Stepped() => new()
    {
        Model = "ESC8000-E12P",
        Releases =
        [
            FakeProduct.Bios("0804", new DateOnly(2025, 4, 18), 4096, minimumFrom: "0603", minimumBmc: "1.37.1"),
            FakeProduct.Bios("0603", new DateOnly(2024, 11, 2), 4096),
            FakeProduct.Bmc("1.37.1", new DateOnly(2025, 3, 10), 4096, minimumFrom: "1.29.1"),
            FakeProduct.Bmc("1.29.1", new DateOnly(2024, 9, 30), 4096),
        ],
    };

    private static RecordingSink Plan(FakeSupportSite site, UpgradeTargets targets, params UpgradePathInput[] inputs)
    {
        using var http = PinnedClient.For(site);
        var catalog = new ReleaseCatalog(http, new AsusCatalogSettings { BaseUri = site.BaseUri, Api = AsusCatalogApi.Legacy }, null);
        var sink = new RecordingSink();
        new GetUpgradePathOperation(new CatalogPathPlanner(catalog, targets)).Run(inputs, sink, CancellationToken.None);
        return sink;
    }

    [Fact]
    public async Task Each_server_gets_its_own_path_from_the_release_notes_constraints_and_the_catalog_is_asked_once()
    {
        await using var site = await FakeSupportSite.StartAsync(new FakeSupportSiteOptions { Products = [Stepped()] });

        var sink = Plan(site, new UpgradeTargets { Latest = true },
            new UpgradePathInput { ComputerName = "bmc01", Model = "ESC8000-E12P", BmcVersion = "1.20.0", BiosVersion = "0401" },
            new UpgradePathInput { ComputerName = "bmc02", Model = "esc8000-e12p", BmcVersion = "1.29.1", BiosVersion = "0804" });

        Assert.Empty(sink.Errors);
        var paths = sink.OfType<EscUpgradePath>().ToDictionary(p => p.ComputerName);
        Assert.Equal("1. BMC 1.20.0 -> 1.29.1; 2. BMC 1.29.1 -> 1.37.1; 3. BIOS 0401 -> 0603; 4. BIOS 0603 -> 0804", paths["bmc01"].Path);
        Assert.Equal("1.37.1: flash only over 1.29.1 or later (release notes)", paths["bmc01"].Steps[1].Requirement);
        Assert.Equal("1. BMC 1.29.1 -> 1.37.1", paths["bmc02"].Path);
        Assert.Equal(1, site.RequestCount(FakeSupportSite.LegacyPath));
        Assert.Equal(0, site.RequestCount(FakeSupportSite.DownloadPrefix));
    }

    [Fact]
    public async Task A_catalog_without_the_intermediate_names_it_per_server()
    {
        var product = Stepped();
        await using var site = await FakeSupportSite.StartAsync(new FakeSupportSiteOptions
        {
            Products = [new FakeProduct { Model = product.Model, Releases = product.Releases.Where(r => r.Version != "1.29.1").ToList() }],
        });

        var sink = Plan(site, new UpgradeTargets { Latest = true }, new UpgradePathInput { ComputerName = "bmc01", Model = "ESC8000-E12P", BmcVersion = "1.20.0", BiosVersion = "0804" });

        var error = Assert.Single(sink.Errors);
        Assert.Equal(("EscUpgradePathMissing", "bmc01"), (error.ErrorId, error.Target));
        Assert.Contains("Missing intermediate release: BMC 1.29.1", error.Message);
        Assert.Empty(sink.OfType<EscUpgradePath>());
    }

    [Fact]
    public async Task Escfw_path_plans_from_a_catalog_file_saved_from_the_site()
    {
        await using var site = await FakeSupportSite.StartAsync(new FakeSupportSiteOptions { Products = [Stepped()] });
        using var dir = new TempDirectory();
        using (var http = PinnedClient.For(site))
        {
            File.WriteAllText(dir.File("catalog.json"), await http.GetStringAsync(new Uri(site.BaseUri, FakeSupportSite.LegacyPath + "?website=global&model=ESC8000-E12P")));
        }
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), new StringReader(""), _ => null, isTerminal: false);

        var code = await EscfwApp.RunAsync(["path", "--model", "ESC8000-E12P", "--bmc-version", "1.20.0", "--target-bmc-version", "1.37.1",
            "--catalog-path", dir.File("catalog.json"), "--json"], context);

        Assert.Equal(ExitCodes.Success, code);
        var path = Assert.Single(JsonNode.Parse(output.ToString())!.AsArray())!;
        Assert.Equal(2, (int)path["StepCount"]!);
        Assert.Equal(["1.29.1", "1.37.1"], path["Steps"]!.AsArray().Select(s => (string?)s!["ToVersion"]));
        Assert.Null((string?)path["BiosTarget"]);
    }

    [Fact]
    public async Task Escfw_path_without_a_target_is_a_usage_error()
    {
        var error = new StringWriter();
        var context = new CliContext(new StringWriter(), error, new StringReader(""), _ => null, isTerminal: false);

        var code = await EscfwApp.RunAsync(["path", "--model", "ESC8000-E12P", "--bmc-version", "1.20.0", "--catalog-path", "none.json"], context);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--latest", error.ToString());
    }
}
