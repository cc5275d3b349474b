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
    /// <summary>The oldest running version this release may be flashed over: said in its release notes (as vendors do) and
    /// written into its image as the earliest compatible revision, which the fake BMC enforces.</summary>
    public string? MinimumFromVersion { get; init; }
    /// <summary>For a BIOS release: the BMC version it needs, said in its release notes.</summary>
    public string? MinimumBmcVersion { get; init; }
}

/// <summary>A model and what the site lists for it.</summary>
public sealed class FakeProduct
{
    public required string Model { get; init; }
    public required IReadOnlyList<FakeRelease> Releases { get; init; }

    /// <summary>ESC8000-E12P as ASUS lists it: two BIOS releases (.HPM + .CAP zips) and two BMC releases (.hpm zips), newest
    /// first; BMC 1.37.1 may be flashed only over 1.29.1 or later, and BIOS 0804 needs BMC 1.29.1.</summary>
    public static FakeProduct Esc8000E12P(long imageLength = 64 * 1024) => new()
    {
        Model = "ESC8000-E12P",
        Releases =
        [
            Bios("0804", new DateOnly(2025, 4, 18), imageLength, minimumBmc: "1.29.1"),
            Bios("0603", new DateOnly(2024, 11, 2), imageLength),
            Bmc("1.37.1", new DateOnly(2025, 3, 10), imageLength, minimumFrom: "1.29.1"),
            Bmc("1.29.1", new DateOnly(2024, 9, 30), imageLength),
        ],
    };

    public static FakeRelease Bios(string version, DateOnly date, long imageLength, string? minimumFrom = null, string? minimumBmc = null) => new()
    {
        IsBmc = false,
        Version = version,
        ReleaseDate = date,
        Title = $"ESC8000-E12P BIOS {version}",
        DescriptionHtml = $"<p>1. Update microcode &amp; AGESA</p><ul><li>Fix &quot;PCIe&quot; bifurcation</li><li>Security&nbsp;fixes</li></ul><br/>Version {version}"
            + (minimumFrom == null ? "" : $"<p>Note: the BIOS must first be updated to {minimumFrom}.</p>")
            + (minimumBmc == null ? "" : $"<p>This BIOS requires BMC firmware {minimumBmc} or later.</p>"),
        ZipName = $"ESC8000-E12P-ASUS-{version}.zip",
        MinimumFromVersion = minimumFrom,
        MinimumBmcVersion = minimumBmc,
        Contents = new Dictionary<string, byte[]>
        {
            [$"Z14PG-D32-ASUS-{version}.HPM"] = HpmImageWriter.ToBytes(HpmImageSpec.Bios(version, imageLength, earliestCompatible: minimumFrom)),
            [$"Z14PG-D32-ASUS-{version}.CAP"] = CapsuleBytes(imageLength),
        },
    };

    public static FakeRelease Bmc(string version, DateOnly date, long imageLength, string? minimumFrom = null) => new()
    {
        IsBmc = true,
        Version = version,
        ReleaseDate = date,
        Title = $"ASMB12-iKVM FW {version}",
        DescriptionHtml = $"<div>ASMB12-iKVM firmware {version}<br>Improved Redfish &lt;UpdateService&gt; handling</div>"
            + (minimumFrom == null ? "" : $"<p>Important: this version requires at least {minimumFrom}. Update the BMC to {minimumFrom} first.</p>"),
        ZipName = $"ASMB12-iKVM-FW-{version}.zip",
        MinimumFromVersion = minimumFrom,
        Contents = new Dictionary<string, byte[]>
        {
            [$"ESC8000-E12P_ASMB12_{version}.hpm"] = HpmImageWriter.ToBytes(HpmImageSpec.Bmc(version, imageLength, earliestCompatible: minimumFrom)),
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
