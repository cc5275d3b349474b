using System;
using System.Threading;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.FakeBmc.SupportSite;
using Xunit;

namespace EscFirmware.Tests.Hpm;

/// <summary>Images of components this tool does not flash get their kind and vendor version; a record whose
/// description contradicts its mask is named and refused for flashing unless forced.</summary>
public sealed class ImageKindAndContradictionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(HpmImageSpec spec)
    {
        var path = _dir.File(Guid.NewGuid().ToString("N") + ".hpm");
        HpmImageWriter.WriteFile(spec, path);
        return path;
    }

    private static HpmImageSpec OneComponent(int bit, string description, byte[] revision) => new()
    {
        FirmwareRevision = revision,
        Components = [new HpmComponentSpec { Bit = bit, Description = description, Version = revision, Length = 4096 }],
    };

    [Fact]
    public void A_cpld_image_is_kind_cpld_with_the_hpm_version_and_says_it_is_not_flashed_here()
    {
        var image = HpmImageReader.Read(Write(OneComponent(5, "CPLD", [8, 0x04, 0, 0, 0, 0])));

        Assert.True(image.IsValid, string.Join("; ", image.Problems));
        Assert.Equal(FirmwareComponent.Cpld, image.Kind);
        Assert.Equal("8.04", image.Version);
        Assert.Contains("does not flash this one", image.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void An_mmc_image_is_kind_other()
    {
        var image = HpmImageReader.Read(Write(OneComponent(3, "MMC", [2, 0x10, 0, 0, 0, 0])));

        Assert.Equal(FirmwareComponent.Other, image.Kind);
        Assert.Equal("2.10", image.Version);
        Assert.NotNull(image.Note);
    }

    [Fact]
    public void A_bios_image_sent_to_the_bios_update_is_refused_with_the_cpld_statement()
    {
        var error = Assert.Throws<EscFirmwareException>(() => BiosImagePlan.Read(Write(OneComponent(5, "CPLD", [8, 0x04, 0, 0, 0, 0])), false, CancellationToken.None));

        Assert.Equal("EscNotABiosImage", error.ErrorId);
        Assert.Contains("does not flash this one", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CPLD", "names a Cpld component")]
    [InlineData("", "an empty description")]
    public void A_description_that_contradicts_the_mask_is_named(string description, string expected)
    {
        var spec = HpmImageSpec.Bmc();
        var contradicting = new HpmImageSpec
        {
            FirmwareRevision = spec.FirmwareRevision,
            EarliestCompatibleRevision = spec.EarliestCompatibleRevision,
            Components = [spec.Components[0], new HpmComponentSpec { Bit = 1, Description = description, Version = spec.FirmwareRevision, Length = 8192 }],
        };

        var image = HpmImageReader.Read(Write(contradicting));

        Assert.True(image.IsValid, string.Join("; ", image.Problems));
        var contradiction = Assert.Single(image.Contradictions);
        Assert.Contains("mask 0x02 (APP)", contradiction, StringComparison.Ordinal);
        Assert.Contains(expected, contradiction, StringComparison.Ordinal);
    }

    [Fact]
    public void Agreeing_descriptions_are_no_contradiction()
    {
        Assert.Empty(HpmImageReader.Read(Write(HpmImageSpec.Bmc())).Contradictions);
        Assert.Empty(HpmImageReader.Read(Write(HpmImageSpec.Bios())).Contradictions);
    }

    [Fact]
    public void A_contradicting_bios_image_is_refused_for_flashing_unless_forced()
    {
        var bios = HpmImageSpec.Bios();
        var path = Write(new HpmImageSpec
        {
            FirmwareRevision = bios.FirmwareRevision,
            Components = [new HpmComponentSpec { Bit = 4, Description = "CPLD", Version = bios.FirmwareRevision, Length = 8192, Prefix = HpmImageSpec.AmiOemHeader() }],
        });

        var refused = Assert.Throws<EscFirmwareException>(() => BiosImagePlan.Read(path, false, CancellationToken.None));
        var forced = BiosImagePlan.Read(path, true, CancellationToken.None);

        Assert.Equal("EscImageContradiction", refused.ErrorId);
        Assert.Contains("-Force", refused.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(4, forced.ComponentId);
    }
}
