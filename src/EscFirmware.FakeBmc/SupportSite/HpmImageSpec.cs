using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace EscFirmware.FakeBmc.SupportSite;

/// <summary>One component of an image to write: its bit in the HPM.1 mask, its upload record, its bytes.</summary>
public sealed class HpmComponentSpec
{
    public required int Bit { get; init; }
    public required string Description { get; init; }
    public required byte[] Version { get; init; }
    public required long Length { get; init; }
    /// <summary>The first bytes of the component data (for example the AMI 16-byte "OEM\0" header); the rest is filler.</summary>
    public byte[] Prefix { get; init; } = [];
}

/// <summary>What <see cref="HpmImageWriter"/> writes. The factories make images like ASUS ships them.</summary>
public sealed class HpmImageSpec
{
    public const int AsusManufacturerId = 2623;

    public byte DeviceId { get; init; } = 0x20;
    public int ManufacturerId { get; init; } = AsusManufacturerId;
    public ushort ProductId { get; init; } = 0x0B3A;
    public required byte[] FirmwareRevision { get; init; }
    public byte[] EarliestCompatibleRevision { get; init; } = [1, 0x00];
    public required IReadOnlyList<HpmComponentSpec> Components { get; init; }
    public HpmDefect Defect { get; init; }
    /// <summary>Leave the filler as holes (seek instead of writing zeros) when writing to a file: for multi-GiB images.</summary>
    public bool Sparse { get; init; }

    /// <summary>A BMC image: BOOT and APP components, version like "1.37.1"; <paramref name="earliestCompatible"/> like "1.29.1"
    /// (only major and minor go into the header), default 1.20.</summary>
    public static HpmImageSpec Bmc(string version = "1.37.1", long appLength = 48 * 1024, HpmDefect defect = HpmDefect.None, string? earliestCompatible = null)
    {
        var revision = BmcRevision(version);
        return new HpmImageSpec
        {
            FirmwareRevision = revision,
            EarliestCompatibleRevision = earliestCompatible == null ? [1, 0x20] : BmcRevision(earliestCompatible)[..2],
            Defect = defect,
            Components =
            [
                new HpmComponentSpec { Bit = 0, Description = "BOOT", Version = revision, Length = 4096 },
                new HpmComponentSpec { Bit = 1, Description = "APP", Version = revision, Length = appLength },
            ],
        };
    }

    /// <summary>An ESC8000-E12P BIOS image: one ASUS OEM component (mask 0x10, wizard CID 4), version like "0804".</summary>
    public static HpmImageSpec Bios(string version = "0804", long length = 64 * 1024, HpmDefect defect = HpmDefect.None, bool sparse = false, string? earliestCompatible = null)
    {
        var revision = BiosRevision(version);
        return new HpmImageSpec
        {
            FirmwareRevision = revision,
            EarliestCompatibleRevision = earliestCompatible == null ? [1, 0x00] : BiosRevision(earliestCompatible)[..2],
            Defect = defect,
            Sparse = sparse,
            Components = [new HpmComponentSpec { Bit = 4, Description = "BIOS", Version = revision, Length = length, Prefix = [.. AmiOemHeader(), .. FakeBiosId.Bytes(version, earliestCompatible)] }],
        };
    }

    /// <summary>"1.37.1" → major 1, minor BCD 0x37, first auxiliary byte 1.</summary>
    public static byte[] BmcRevision(string version)
    {
        var parts = version.Split('.').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return [(byte)parts[0], Bcd(parts[1]), (byte)(parts.Length > 2 ? parts[2] : 0), 0, 0, 0];
    }

    /// <summary>"0804" → major 8, minor BCD 0x04.</summary>
    public static byte[] BiosRevision(string version)
    {
        var digits = version.PadLeft(4, '0');
        return [(byte)int.Parse(digits[..2], CultureInfo.InvariantCulture), Bcd(int.Parse(digits[2..], CultureInfo.InvariantCulture)), 0, 0, 0, 0];
    }

    /// <summary>AMI's 16-byte component header: "OEM\0", SECTION_FLASH (LE32), hash present, header size, blocks, reserved.</summary>
    public static byte[] AmiOemHeader() => [(byte)'O', (byte)'E', (byte)'M', 0, 0, 0, 0, 0, 0, 16, 1, 0, 0, 0, 0, 0];

    private static byte Bcd(int value) => (byte)((value / 10 % 10) << 4 | value % 10);
}
