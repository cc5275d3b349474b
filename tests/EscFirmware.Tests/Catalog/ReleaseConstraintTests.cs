using System;
using System.Linq;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Tests.Hpm;
using Xunit;

namespace EscFirmware.Tests.Catalog;

public sealed class ReleaseConstraintTests
{
    private static readonly Uri Cdn = new("https://dlcdnets.asus.com/");

    private static string Answer(string bmcFile, string biosFile) => $$$"""
        {"Status":"SUCCESS","Message":"SUCCESS","Result":{"Model":"ESC8000-E12P","Obj":[
          {"Name":"FIRMWARE","Files":[{"Version":"1.37.1","Title":"ASMB12-iKVM FW 1.37.1","ReleaseDate":"2025/03/10","IsRelease":"1",{{{bmcFile}}}"DownloadUrl":{"Global":"/b.zip"}}]},
          {"Name":"BIOS","Files":[{"Version":"0804","Title":"ESC8000-E12P BIOS 0804","ReleaseDate":"2025/04/18","IsRelease":"1",{{{biosFile}}}"DownloadUrl":{"Global":"/c.zip"}}]}]}}
        """;

    private static EscFirmwareRelease Release(string json, FirmwareComponent component) =>
        AsusCatalogParser.Parse(json, "ESC8000-E12P", Cdn).Releases.Single(r => r.Component == component);

    [Fact]
    public void The_documented_catalog_fields_are_read()
    {
        var json = Answer("\"MinimumFromVersion\":\"1.29.1\",", "\"MinimumFromVersion\":\"0603\",\"MinimumBmcVersion\":\"1.37.1\",");

        var bmc = Release(json, FirmwareComponent.Bmc);
        var bios = Release(json, FirmwareComponent.Bios);

        Assert.Equal(("1.29.1", ConstraintSource.Catalog), (bmc.MinimumFromVersion, bmc.MinimumFromVersionSource));
        Assert.Equal(("0603", ConstraintSource.Catalog), (bios.MinimumFromVersion, bios.MinimumFromVersionSource));
        Assert.Equal(("1.37.1", ConstraintSource.Catalog), (bios.MinimumBmcVersion, bios.MinimumBmcVersionSource));
    }

    [Theory]
    [InlineData("<p>This release requires at least 1.29.1.</p>", "1.29.1")]
    [InlineData("<p>The BMC must first be updated to 1.29.1.</p>", "1.29.1")]
    [InlineData("Please update the BMC firmware to version 1.29.1 first, then to this version.", "1.29.1")]
    [InlineData("Requires BMC FW 1.25.0 or later. Note: you need to upgrade to 1.29.1 first.", "1.29.1")]
    public void Release_notes_sentences_give_the_minimum_where_the_catalog_has_no_field(string notes, string minimum)
    {
        var bmc = Release(Answer($"\"Description\":\"{notes}\",", ""), FirmwareComponent.Bmc);

        Assert.Equal(minimum, bmc.MinimumFromVersion);
        Assert.Equal(ConstraintSource.ReleaseNotes, bmc.MinimumFromVersionSource);
    }

    [Fact]
    public void A_bios_note_naming_the_bmc_is_a_bmc_requirement_and_a_bare_dotted_version_is_ignored()
    {
        var bios = Release(Answer("", "\"Description\":\"<li>Requires BMC 1.29.1 or later</li><li>Fixes issue 2.5.1 in PCIe</li><li>Must be updated to 0603 first</li>\","), FirmwareComponent.Bios);

        Assert.Equal("1.29.1", bios.MinimumBmcVersion);
        Assert.Equal("0603", bios.MinimumFromVersion);
    }

    [Fact]
    public void The_catalog_field_wins_over_the_notes_and_notes_without_a_requirement_give_none()
    {
        var fielded = Release(Answer("\"MinimumFromVersion\":\"1.25.0\",\"Description\":\"requires at least 1.29.1\",", ""), FirmwareComponent.Bmc);
        var plain = Release(Answer("\"Description\":\"<p>Requires a reboot. Fixes 12 issues.</p>\",", ""), FirmwareComponent.Bmc);

        Assert.Equal(("1.25.0", ConstraintSource.Catalog), (fielded.MinimumFromVersion, fielded.MinimumFromVersionSource));
        Assert.Null(plain.MinimumFromVersion);
    }

    [Fact]
    public void A_constraint_field_that_is_not_a_version_is_a_clear_error()
    {
        using var temp = new TempDirectory();
        var path = temp.File("catalog.json");
        System.IO.File.WriteAllText(path, Answer("\"MinimumFromVersion\":\"latest\",", ""));

        var error = Assert.Throws<EscFirmwareException>(() => AsusCatalogClient.ReadFile(path, "ESC8000-E12P", new AsusCatalogSettings()));

        Assert.Equal("EscCatalogInvalid", error.ErrorId);
        Assert.Contains("MinimumFromVersion 'latest'", error.Message);
    }
}
