using System;
using System.Collections.Generic;

namespace EscFirmware.FakeBmc.SupportSite;

/// <summary>One entry the fake support site lists, with the zip it serves for it.</summary>
public sealed class FakeRelease
{
    public required bool IsBmc { get; init; }
    public required string Version { get; init; }
    public required DateOnly ReleaseDate { get; init; }
    public required string Title { get; init; }
    public string DescriptionHtml { get; init; } = "";
    public bool IsRelease { get; init; } = true;
    /// <summary>Publish the zip's SHA-256 in the catalog (ASUS often leaves it empty).</summary>
    public bool PublishSha256 { get; init; } = true;
    /// <summary>The zip: file name → bytes.</summary>
    public required IReadOnlyDictionary<string, byte[]> Contents { get; init; }
    public required string ZipName { get; init; }
}

/// <summary>A model and what the site lists for it.</summary>
public sealed class FakeProduct
{
    public required string Model { get; init; }
    public required IReadOnlyList<FakeRelease> Releases { get; init; }

    /// <summary>ESC8000-E12P as ASUS lists it: two BIOS releases (.HPM + .CAP zips) and two BMC releases (.hpm zips), newest first.</summary>
    public static FakeProduct Esc8000E12P(long imageLength = 64 * 1024) => new()
    {
        Model = "ESC8000-E12P",
        Releases =
        [
            Bios("0804", new DateOnly(2025, 4, 18), imageLength),
            Bios("0603", new DateOnly(2024, 11, 2), imageLength),
            Bmc("1.37.1", new DateOnly(2025, 3, 10), imageLength),
            Bmc("1.29.1", new DateOnly(2024, 9, 30), imageLength),
        ],
    };

    public static FakeRelease Bios(string version, DateOnly date, long imageLength) => new()
    {
        IsBmc = false,
        Version = version,
        ReleaseDate = date,
        Title = $"ESC8000-E12P BIOS {version}",
        DescriptionHtml = $"<p>1. Update microcode &amp; AGESA</p><ul><li>Fix &quot;PCIe&quot; bifurcation</li><li>Security&nbsp;fixes</li></ul><br/>Version {version}",
        ZipName = $"ESC8000-E12P-ASUS-{version}.zip",
        Contents = new Dictionary<string, byte[]>
        {
            [$"Z14PG-D32-ASUS-{version}.HPM"] = HpmImageWriter.ToBytes(HpmImageSpec.Bios(version, imageLength)),
            [$"Z14PG-D32-ASUS-{version}.CAP"] = CapsuleBytes(imageLength),
        },
    };

    public static FakeRelease Bmc(string version, DateOnly date, long imageLength) => new()
    {
        IsBmc = true,
        Version = version,
        ReleaseDate = date,
        Title = $"ASMB12-iKVM FW {version}",
        DescriptionHtml = $"<div>ASMB12-iKVM firmware {version}<br>Improved Redfish &lt;UpdateService&gt; handling</div>",
        ZipName = $"ASMB12-iKVM-FW-{version}.zip",
        Contents = new Dictionary<string, byte[]>
        {
            [$"ESC8000-E12P_ASMB12_{version}.hpm"] = HpmImageWriter.ToBytes(HpmImageSpec.Bmc(version, imageLength)),
            ["readme.txt"] = "Flash the .hpm through the BMC web UI or Redfish."u8.ToArray(),
        },
    };

    /// <summary>An EzFlash capsule stand-in: not an HPM image.</summary>
    private static byte[] CapsuleBytes(long length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        "_CAP"u8.CopyTo(bytes);
        return bytes;
    }
}
