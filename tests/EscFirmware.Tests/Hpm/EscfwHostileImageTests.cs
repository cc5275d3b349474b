using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.BiosUpdate;
using Xunit;

namespace EscFirmware.Tests.Hpm;

/// <summary>escfw refuses zero-filled and contradicting images with exit code 1, before any BMC is contacted.</summary>
public sealed class EscfwHostileImageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (CliContext Context, StringWriter Out, StringWriter Err) Console(string? password = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new CliContext(output, error, new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? password : null, isTerminal: false), output, error);
    }

    private string Zeros(long length)
    {
        var path = _dir.File("download.hpm");
        using (var file = new FileStream(path, FileMode.Create)) file.SetLength(length);
        return path;
    }

    [Fact]
    public async Task Image_test_of_100_MiB_of_zeros_exits_1_quickly_naming_the_zero_fill()
    {
        var path = Zeros(100L * 1024 * 1024);
        var (context, _, error) = Console();

        var clock = Stopwatch.StartNew();
        var code = await EscfwApp.RunAsync(new[] { "image", "test", path }, context);

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("zero-filled file", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The escfw process itself, as an admin runs it: its managed heap capped at 128 MB (it fails if it needs more) and its
    /// peak resident set read from /proc while it runs (VmHWM, a high-water mark).
    /// </summary>
    [Fact]
    public async Task Escfw_image_test_of_100_MiB_of_zeros_as_its_own_process_exits_1_in_seconds_with_peak_rss_under_200_MB()
    {
        var path = Zeros(100L * 1024 * 1024);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "escfw.dll"));
        foreach (var arg in new[] { "image", "test", path }) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x8000000";
        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        long peakKb = 0;
        using (var limit = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!child.HasExited && !limit.IsCancellationRequested)
            {
                peakKb = Math.Max(peakKb, HighWaterMarkKb(child.Id));
                await Task.Delay(10);
            }
            await child.WaitForExitAsync(limit.Token);
        }

        Assert.Equal(ExitCodes.SomeTargetFailed, child.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("zero-filled file", await error + await output, StringComparison.Ordinal);
        Assert.True(peakKb < 200 * 1024, $"peak RSS {peakKb} kB");
        if (OperatingSystem.IsLinux()) Assert.True(peakKb > 0, "the child's memory was never sampled");
    }

    /// <summary>VmHWM of a running process in kB; 0 where /proc is absent (Windows) or the process just ended.</summary>
    private static long HighWaterMarkKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) return long.Parse(line.Substring(6).Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    [Fact]
    public async Task Update_bios_with_a_zero_filled_file_exits_1_without_contacting_the_bmc()
    {
        await using var f = await BiosUpdateFixture.StartAsync();
        var path = Zeros(10L * 1024 * 1024);
        var (context, output, error) = Console(f.Bmc.Options.Password);

        var code = await EscfwApp.RunAsync(new[]
        {
            "update", "bios", "--bmc", f.Bmc.Address, "--certificate-thumbprint", f.Bmc.CertificateSha256, "--path", path,
            "--journal-path", f.JournalFolder, "--yes",
        }, context);

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        Assert.Contains("zero-filled file", error.ToString() + output, StringComparison.Ordinal);
        Assert.Empty(f.Bmc.RequestLog.Entries);
    }

    [Fact]
    public async Task Image_test_names_a_contradiction_and_exits_1()
    {
        var bmc = HpmImageSpec.Bmc();
        var path = _dir.File("mislabelled.hpm");
        HpmImageWriter.WriteFile(new HpmImageSpec
        {
            FirmwareRevision = bmc.FirmwareRevision,
            EarliestCompatibleRevision = bmc.EarliestCompatibleRevision,
            Components = [bmc.Components[0], new HpmComponentSpec { Bit = 1, Description = "CPLD", Version = bmc.FirmwareRevision, Length = 8192 }],
        }, path);
        var (context, _, error) = Console();

        var code = await EscfwApp.RunAsync(new[] { "image", "test", path }, context);

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        Assert.Contains("CONTRADICTS ITSELF", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("names a Cpld component", error.ToString(), StringComparison.Ordinal);
    }
}
