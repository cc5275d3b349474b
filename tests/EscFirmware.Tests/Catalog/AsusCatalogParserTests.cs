using System;
using System.Linq;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;
using Xunit;

namespace EscFirmware.Tests.Catalog;

public sealed class AsusCatalogParserTests
{
    private static readonly Uri Cdn = new("https://dlcdnets.asus.com/");

    private const string Answer = """
        {"Status":"SUCCESS","Message":"SUCCESS","Result":{"Count":2,"Model":"ESC8000-E12P","Obj":[
          {"Name":"BIOS","Count":2,"Files":[
            {"Id":"1","Version":"0603","Title":"ESC8000-E12P BIOS 0603","Description":"old","FileSize":"31.5 MB","ReleaseDate":"2024/11/02","IsRelease":"1","DownloadUrl":{"Global":"/pub/ASUS/server/ESC8000-E12P/BIOS-0603.zip?model=ESC8000-E12P"},"sha256":""},
            {"Id":"2","Version":"0804","Title":"ESC8000-E12P BIOS 0804","Description":"<p>1. Fix &amp; improve</p><ul><li>PCIe&nbsp;&quot;x16&quot;</li></ul>","FileSize":"64.26 MB","ReleaseDate":"2025/04/18","IsRelease":"1","DownloadUrl":{"Global":"https://dlcdnets.asus.com/pub/ASUS/server/ESC8000-E12P/BIOS-0804.zip?model=ESC8000-E12P"},"sha256":"ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"}]},
          {"Name":"Others","Count":1,"Files":[
            {"Id":"3","Version":"1.37.1","Title":"ASMB12-iKVM FW 1.37.1","Description":"","FileSize":"118 MB","ReleaseDate":"2025/03/10","IsRelease":1,"DownloadUrl":{"Global":"//dlcdnets.asus.com/pub/ASUS/server/bmc.zip"},"sha256":null}]}]}}
        """;

    [Fact]
    public void Releases_are_read_newest_first_and_told_apart()
    {
        var lookup = AsusCatalogParser.Parse(Answer, "esc8000-e12p", Cdn);

        Assert.Null(lookup.Message);
        Assert.Equal("ESC8000-E12P", lookup.Model);
        Assert.Equal(new[] { "0804", "1.37.1", "0603" }, lookup.Releases.Select(r => r.Version));
        Assert.Equal(new[] { FirmwareComponent.Bios, FirmwareComponent.Bmc, FirmwareComponent.Bios }, lookup.Releases.Select(r => r.Component));
        Assert.Equal(new DateTime(2025, 4, 18), lookup.Releases[0].ReleaseDate);
    }

    [Fact]
    public void Download_addresses_are_made_absolute()
    {
        var releases = AsusCatalogParser.Parse(Answer, "ESC8000-E12P", Cdn).Releases;

        Assert.Equal("https://dlcdnets.asus.com/pub/ASUS/server/ESC8000-E12P/BIOS-0603.zip?model=ESC8000-E12P", releases.Single(r => r.Version == "0603").DownloadUri!.ToString());
        Assert.Equal("https://dlcdnets.asus.com/pub/ASUS/server/bmc.zip", releases.Single(r => r.Version == "1.37.1").DownloadUri!.ToString());
    }

    [Fact]
    public void Size_hash_and_notes_are_read()
    {
        var newest = AsusCatalogParser.Parse(Answer, "ESC8000-E12P", Cdn).Releases[0];

        Assert.Equal("64.26 MB", newest.Size);
        Assert.Equal((long)(64.26m * 1024 * 1024), newest.SizeBytes);
        Assert.Equal("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", newest.Sha256);
        Assert.Equal("1. Fix & improve\n- PCIe \"x16\"", newest.ReleaseNotes);
        Assert.Null(AsusCatalogParser.Parse(Answer, "ESC8000-E12P", Cdn).Releases.Single(r => r.Version == "0603").Sha256);
    }

    [Theory]
    [InlineData("""{"Status":"SUCCESS","Message":"No Data Found","Result":null}""", "No Data Found")]
    [InlineData("""{"Status":"SUCCESS","Message":"Input string was not in a correct format.","Result":""}""", "Input string")]
    [InlineData("""{"Status":"SUCCESS","Message":"SUCCESS","Result":{"Count":0,"Model":"ESC8000-E12P","Obj":[]}}""", "lists no BIOS or BMC files")]
    [InlineData("""{"Status":"SUCCESS","Message":"SUCCESS","Result":{"Model":"ESC8000-E12P","Obj":[{"Name":"BIOS","Files":null}]}}""", "lists no BIOS or BMC files")]
    [InlineData("[]", "not a JSON object")]
    public void Empty_answers_give_no_releases_and_say_why(string json, string expected)
    {
        var lookup = AsusCatalogParser.Parse(json, "ESC8000-E12P", Cdn);

        Assert.Empty(lookup.Releases);
        Assert.Contains(expected, lookup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_catalog_may_hold_several_models()
    {
        var file = "[" + Answer.Replace("ESC8000-E12P", "ESC4000-E11") + "," + Answer + "]";

        Assert.Equal(3, AsusCatalogParser.ParseFile(file, "esc8000 e12p", Cdn).Releases.Count);
        var missing = AsusCatalogParser.ParseFile(file, "RS700-E12", Cdn);
        Assert.Empty(missing.Releases);
        Assert.Contains("ESC4000-E11, ESC8000-E12P", missing.Message, StringComparison.Ordinal);
    }
}
