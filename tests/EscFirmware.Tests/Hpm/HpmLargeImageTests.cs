using System;
using System.Diagnostics;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;
using EscFirmware.FakeBmc.SupportSite;
using Xunit;
using Xunit.Abstractions;

namespace EscFirmware.Tests.Hpm;

/// <summary>A multi-GiB image is validated in one streaming pass with memory that does not grow with its size.</summary>
public sealed class HpmLargeImageTests(ITestOutputHelper output) : IDisposable
{
    private const long ComponentLength = 2L * 1024 * 1024 * 1024 + 12_345;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_2_GiB_image_is_validated_with_bounded_memory()
    {
        var path = _dir.File("big.hpm");
        HpmImageWriter.WriteFile(HpmImageSpec.Bios("0804", ComponentLength, sparse: true), path);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var image = HpmImageReader.Read(path);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"validated {image.Size:N0} bytes in {clock.Elapsed.TotalSeconds:F1} s, {allocated:N0} bytes allocated");

        Assert.True(image.IsValid, string.Join("; ", image.Problems));
        Assert.Equal(FirmwareComponent.Bios, image.Kind);
        Assert.Equal(ComponentLength, Assert.Single(image.Uploads).DataLength);
        Assert.True(image.Size > 2L * 1024 * 1024 * 1024);
        Assert.True(allocated < 4 * 1024 * 1024, $"validation allocated {allocated:N0} bytes");
    }
}
