using System;
using System.IO;
using System.Linq;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;
using EscFirmware.FakeBmc.SupportSite;
using Xunit;

namespace EscFirmware.Tests.Hpm;

public sealed class HpmImageReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private EscFirmwareImage ReadWritten(HpmImageSpec spec, HpmReadOptions? options = null)
    {
        var path = _dir.File(Guid.NewGuid().ToString("N") + ".hpm");
        HpmImageWriter.WriteFile(spec, path);
        return HpmImageReader.Read(path, options);
    }

    [Fact]
    public void A_bios_image_is_valid_and_reads_as_the_bmc_shows_it()
    {
        var image = ReadWritten(HpmImageSpec.Bios("0804", length: 70_000));

        Assert.True(image.IsValid, string.Join("; ", image.Problems));
        Assert.Equal(FirmwareComponent.Bios, image.Kind);
        Assert.Equal("0804", image.Version);
        Assert.Equal(new[] { "BIOS(CID 4)" }, image.Components);
        Assert.Equal(2623, image.ManufacturerId);
        Assert.Equal(0x20, image.DeviceId!.Value);
        Assert.Equal(0x0B3A, image.ProductId);
        Assert.Equal("0100", image.EarliestCompatibleRevision);
        Assert.Equal(16, image.OemData.Length);
        var upload = Assert.Single(image.Uploads);
        Assert.Equal(70_000, upload.DataLength);
        Assert.Equal(ActionChecksumRule.ThreeByte, upload.ChecksumRule);
        Assert.Equal(4, upload.Component!.WizardComponentId);
        Assert.Equal("BIOS", upload.Description);
    }

    [Fact]
    public void The_upload_records_data_offset_points_at_the_component_bytes()
    {
        var path = _dir.File("bios.hpm");
        HpmImageWriter.WriteFile(HpmImageSpec.Bios(length: 5000), path);
        var upload = Assert.Single(HpmImageReader.Read(path).Uploads);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal("OEM\0", System.Text.Encoding.ASCII.GetString(bytes, (int)upload.DataOffset, 4));
        Assert.Equal(bytes.Length - 16, upload.DataOffset + upload.DataLength);
    }

    [Fact]
    public void A_bmc_image_has_boot_and_app_and_reads_as_1_37_1()
    {
        var image = ReadWritten(HpmImageSpec.Bmc("1.37.1"));

        Assert.True(image.IsValid, string.Join("; ", image.Problems));
        Assert.Equal(FirmwareComponent.Bmc, image.Kind);
        Assert.Equal("1.37.1", image.Version);
        Assert.Equal(new[] { "BOOT", "APP" }, image.Components);
        Assert.Equal(new[] { 0, 1 }, image.Uploads.Select(u => u.Component!.Bit));
        Assert.Equal("1.20", image.EarliestCompatibleRevision);
    }

    [Fact]
    public void Hashes_of_the_whole_file_are_recorded()
    {
        var path = _dir.File("bmc.hpm");
        HpmImageWriter.WriteFile(HpmImageSpec.Bmc(), path);
        var image = HpmImageReader.Read(path);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(), image.Sha256);
        Assert.Equal(Convert.ToHexString(bytes[^16..]).ToLowerInvariant(), image.Md5);
        Assert.Equal(bytes.Length, image.Size);
    }

    [Fact]
    public void The_34_byte_checksum_reading_is_accepted_and_recorded()
    {
        var image = ReadWritten(HpmImageSpec.Bios(defect: HpmDefect.ThirtyFourByteChecksum));

        Assert.True(image.IsValid, string.Join("; ", image.Problems));
        Assert.Equal(ActionChecksumRule.ThirtyFourByte, Assert.Single(image.Uploads).ChecksumRule);
    }

    [Theory]
    [InlineData(HpmDefect.BadMd5, "MD5 trailer")]
    [InlineData(HpmDefect.BadHeaderChecksum, "header checksum is wrong")]
    [InlineData(HpmDefect.BadSignature, "signature 'PICMGFWU'")]
    [InlineData(HpmDefect.FormatVersion, "format version is 1")]
    [InlineData(HpmDefect.Truncated, "truncated or the length is corrupt")]
    [InlineData(HpmDefect.TrailingBytes, "2 stray byte(s)")]
    [InlineData(HpmDefect.BadActionChecksum, "bad checksum (neither the 3-byte nor the 34-byte")]
    [InlineData(HpmDefect.UnknownActionType, "unknown action type 7")]
    [InlineData(HpmDefect.MultiBitUploadMask, "more than one bit set")]
    [InlineData(HpmDefect.MaskOutsideHeader, "does not list")]
    [InlineData(HpmDefect.DuplicateComponent, "second upload record")]
    [InlineData(HpmDefect.MissingComponent, "component 3 (MMC) but no upload record")]
    [InlineData(HpmDefect.NonPrintableDescription, "not printable ASCII")]
    [InlineData(HpmDefect.AllFfVersion, "unset version")]
    [InlineData(HpmDefect.OverflowingLength, "declares 4,294,967,295 bytes")]
    public void Each_broken_rule_is_named(HpmDefect defect, string expected)
    {
        var image = ReadWritten(HpmImageSpec.Bmc(defect: defect));

        Assert.False(image.IsValid);
        Assert.Contains(image.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(HpmDefect.BadMd5, 1)]
    [InlineData(HpmDefect.BadHeaderChecksum, 1)]
    [InlineData(HpmDefect.NonPrintableDescription, 1)]
    [InlineData(HpmDefect.MaskOutsideHeader, 1)]
    public void A_single_fault_is_reported_once_and_alone(HpmDefect defect, int count)
    {
        Assert.Equal(count, ReadWritten(HpmImageSpec.Bios(defect: defect)).Problems.Length);
    }

    [Fact]
    public void Every_problem_is_named_not_only_the_first()
    {
        var path = _dir.File("two.hpm");
        HpmImageWriter.WriteFile(HpmImageSpec.Bios(defect: HpmDefect.NonPrintableDescription), path);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x55;
        File.WriteAllBytes(path, bytes);

        var problems = HpmImageReader.Read(path).Problems;

        Assert.Contains(problems, p => p.Contains("not printable", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MD5 trailer", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_shorter_than_a_header_and_trailer_is_invalid()
    {
        var path = _dir.File("short.hpm");
        File.WriteAllBytes(path, new byte[50]);

        var image = HpmImageReader.Read(path);

        Assert.Contains(image.Problems, p => p.Contains("at least 51 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_above_the_targets_maximum_is_invalid()
    {
        var image = ReadWritten(HpmImageSpec.Bios(length: 4096), new HpmReadOptions { MaxLength = 4000 });

        Assert.Contains(image.Problems, p => p.Contains("more than the 4,000 bytes the target accepts", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cap_file_is_not_an_hpm_image()
    {
        var path = _dir.File("Z14PG-D32-ASUS-0804.CAP");
        File.WriteAllBytes(path, Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray());

        var image = HpmImageReader.Read(path);

        Assert.False(image.IsValid);
        Assert.Contains(image.Problems, p => p.Contains("not an HPM image", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_an_error_with_a_stable_id()
    {
        var error = Assert.Throws<EscFirmwareException>(() => HpmImageReader.Read(_dir.File("absent.hpm")));

        Assert.Equal("EscImageNotFound", error.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
        Assert.NotNull(error.RecommendedAction);
    }
}
