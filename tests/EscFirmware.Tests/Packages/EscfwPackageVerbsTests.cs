using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.Hpm;
using Xunit;

namespace EscFirmware.Tests.Packages;

public sealed class EscfwPackageVerbsTests
{
    private static (CliContext Context, StringWriter Out, StringWriter Err) Console()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new CliContext(output, error, new StringReader(""), _ => null, isTerminal: false), output, error);
    }

    [Fact]
    public async Task Image_test_prints_json_and_exits_1_when_any_image_is_invalid()
    {
        using var dir = new TempDirectory();
        HpmImageWriter.WriteFile(HpmImageSpec.Bmc("1.37.1"), dir.File("good.hpm"));
        HpmImageWriter.WriteFile(HpmImageSpec.Bmc(defect: HpmDefect.BadHeaderChecksum), dir.File("bad.hpm"));
        var (context, output, _) = Console();

        var code = await EscfwApp.RunAsync(new[] { "image", "test", dir.File("good.hpm"), dir.File("bad.hpm"), "--json" }, context);

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        var images = JsonNode.Parse(output.ToString())!.AsArray();
        Assert.Equal("1.37.1", (string?)images[0]!["Version"]);
        Assert.Equal("Bmc", (string?)images[0]!["Kind"]);
        Assert.True((bool)images[0]!["IsValid"]!);
        Assert.False((bool)images[1]!["IsValid"]!);
        Assert.Contains("header checksum", (string?)images[1]!["Problems"]![0], System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_test_of_valid_images_exits_0_with_a_table()
    {
        using var dir = new TempDirectory();
        HpmImageWriter.WriteFile(HpmImageSpec.Bios("0804"), dir.File("bios.HPM"));
        var (context, output, _) = Console();

        var code = await EscfwApp.RunAsync(new[] { "image", "test", dir.File("bios.HPM") }, context);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("0804", output.ToString(), System.StringComparison.Ordinal);
        Assert.Contains("BIOS(CID 4)", output.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_lists_the_newest_releases_from_the_site()
    {
        await using var site = await FakeSupportSite.StartAsync();
        var (context, output, _) = Console();

        var code = await EscfwApp.RunAsync(new[] { "catalog", "--model", "ESC8000-E12P", "--catalog-uri", site.BaseUri.ToString(),
            "--mirror-certificate-thumbprint", site.CertificateSha256, "--legacy-api", "--json" }, context);

        Assert.Equal(ExitCodes.Success, code);
        var releases = JsonNode.Parse(output.ToString())!.AsArray();
        Assert.Equal(new[] { "Bmc 1.37.1", "Bios 0804" }, releases.Select(r => (string?)r!["Component"] + " " + (string?)r["Version"]));
    }

    [Fact]
    public async Task Catalog_for_an_unknown_model_exits_1()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("catalog.json"), """{"Status":"SUCCESS","Message":"No Data Found","Result":null}""");
        var (context, _, error) = Console();

        var code = await EscfwApp.RunAsync(new[] { "catalog", "--model", "ESC9999", "--catalog-path", dir.File("catalog.json") }, context);

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        Assert.Contains("ESC9999", error.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_save_by_model_downloads_extracts_and_validates()
    {
        await using var site = await FakeSupportSite.StartAsync();
        using var dir = new TempDirectory();
        var (context, output, _) = Console();

        var code = await EscfwApp.RunAsync(new[] { "package", "save", "--model", "ESC8000-E12P", "--component", "bios",
            "--catalog-uri", site.BaseUri.ToString(), "--mirror-certificate-thumbprint", site.CertificateSha256, "--legacy-api",
            "--destination", dir.Path, "--json" }, context);

        Assert.Equal(ExitCodes.Success, code);
        var image = Assert.Single(JsonNode.Parse(output.ToString())!.AsArray())!;
        Assert.Equal("0804", (string?)image["Version"]);
        Assert.EndsWith("Z14PG-D32-ASUS-0804.HPM", (string?)image["Path"], System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_save_what_if_downloads_nothing()
    {
        await using var site = await FakeSupportSite.StartAsync();
        using var dir = new TempDirectory();
        var (context, _, error) = Console();

        var code = await EscfwApp.RunAsync(new[] { "package", "save", "--uri", site.DownloadUri("ESC8000-E12P-ASUS-0804.zip").ToString(),
            "--mirror-certificate-thumbprint", site.CertificateSha256, "--destination", dir.Path, "--whatif" }, context);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("What if:", error.ToString(), System.StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        Assert.Equal(0, site.RequestCount(FakeSupportSite.DownloadPrefix));
    }
}
