using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.FakeBmc.SupportSite;
using Xunit;

namespace EscFirmware.Tests.Hpm;

/// <summary>
/// Files an admin meets that are not images (preallocated or interrupted downloads full of zeros, a pipe, a device, a
/// folder): each is refused with a clear reason in seconds, with a short problem list and without reading gigabytes.
/// </summary>
public sealed class HostileFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Zeros(string name, long length)
    {
        var path = _dir.File(name);
        using (var file = new FileStream(path, FileMode.Create)) file.SetLength(length);
        return path;
    }

    private static EscFirmwareImage ReadTimed(string path, out TimeSpan elapsed)
    {
        var clock = Stopwatch.StartNew();
        var image = HpmImageReader.Read(path);
        elapsed = clock.Elapsed;
        return image;
    }

    [Theory]
    [InlineData(100L * 1024 * 1024)]
    [InlineData(4L * 1024 * 1024 * 1024)]
    public void A_zero_filled_file_is_refused_as_zero_filled_at_once(long length)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var image = ReadTimed(Zeros("zeros.hpm", length), out var elapsed);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(image.IsValid);
        var problem = Assert.Single(image.Problems);
        Assert.Contains("zero-filled file", problem, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}");
        Assert.True(allocated < 2 * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_real_header_followed_by_zeros_stops_at_the_first_empty_record()
    {
        var path = _dir.File("interrupted.hpm");
        var image = HpmImageWriter.ToBytes(HpmImageSpec.Bios());
        using (var file = new FileStream(path, FileMode.Create))
        {
            file.Write(image, 0, 72); // header (34 + 16 OEM + 1), the prepare record (3) and the upload record's start
            file.SetLength(64L * 1024 * 1024);
        }

        var read = HpmImageReader.Read(path);

        Assert.False(read.IsValid);
        Assert.True(read.Problems.Length <= HpmImageReader.MaxProblemsShown + 2, string.Join("\n", read.Problems));
        Assert.Contains(read.Problems, p => p.Contains("the rest of the image cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public void Repeated_faults_are_collapsed_and_the_list_is_bounded()
    {
        var path = _dir.File("repeats.hpm");
        var header = HpmImageWriter.ToBytes(HpmImageSpec.Bios()).Take(51).ToArray();
        using (var file = new FileStream(path, FileMode.Create))
        {
            file.Write(header);
            // 100,000 prepare records for a component (0x80) the header does not list: one fault, many offsets.
            var record = new byte[] { 1, 0x80, 0x7F };
            for (var i = 0; i < 100_000; i++) file.Write(record);
            file.Write(new byte[16]);
        }

        var problems = HpmImageReader.Read(path).Problems;

        Assert.True(problems.Length <= HpmImageReader.MaxProblemsShown + 2, string.Join("\n", problems));
        Assert.Contains(problems, p => p.Contains("does not list (and 99,999 more like it).", StringComparison.Ordinal));
    }

    [Fact]
    public void A_directory_is_not_a_file_not_access_denied()
    {
        var error = Assert.Throws<EscFirmwareException>(() => HpmImageReader.Read(_dir.Path));

        Assert.Equal("EscImageNotAFile", error.ErrorId);
        Assert.Contains("is a directory, not a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_is_refused_without_reading_it()
    {
        if (!File.Exists("/dev/zero")) return; // Windows has no /dev/zero; the FIFO and zero-file cases cover the logic

        var image = ReadTimed("/dev/zero", out var elapsed);

        Assert.Contains("a pipe or a device", Assert.Single(image.Problems), StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}");
    }

    [Fact]
    public async Task A_fifo_is_refused_without_waiting_for_a_writer()
    {
        if (OperatingSystem.IsWindows()) return; // no mkfifo
        var path = _dir.File("pipe.hpm");
        using (var mkfifo = Process.Start("mkfifo", path)) await mkfifo.WaitForExitAsync();

        var read = Task.Run(() => HpmImageReader.Read(path));
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(read, finished);
        Assert.Contains("a pipe or a device", Assert.Single((await read).Problems), StringComparison.Ordinal);
    }
}
