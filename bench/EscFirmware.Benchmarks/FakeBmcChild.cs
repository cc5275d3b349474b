using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;

namespace EscFirmware.Benchmarks;

/// <summary>The fake BMC in its own process: started by the benchmark, stopped when its standard input closes.</summary>
internal sealed class FakeBmcChild : IDisposable
{
    public const string ServeArgument = "--serve";
    private readonly Process _process;

    private FakeBmcChild(Process process, int port, string sha256, string password)
    {
        _process = process;
        Port = port;
        CertificateSha256 = sha256;
        Password = password;
    }

    public int Port { get; }
    public string CertificateSha256 { get; }
    public string Password { get; }
    public int ProcessId => _process.Id;

    public static async Task<int> ServeAsync()
    {
        var options = new FakeBmcOptions
        {
            MaxImageSizeBytes = 4L << 30,
            Timings = new FakeBmcTimings { FlashStepDuration = TimeSpan.FromMilliseconds(1), BmcRebootDuration = TimeSpan.FromMilliseconds(200) },
        };
        await using var server = await FakeBmcServer.StartAsync(options);
        Console.WriteLine($"READY {server.Port} {server.CertificateSha256} {options.Password}");
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public static FakeBmcChild Start()
    {
        var self = typeof(FakeBmcChild).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(self);
        start.ArgumentList.Add(ServeArgument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the fake BMC process");
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the fake BMC process printed nothing");
        var parts = line.Split(' ');
        if (parts.Length != 4 || parts[0] != "READY") throw new InvalidOperationException("unexpected output from the fake BMC process: " + line);
        return new FakeBmcChild(process, int.Parse(parts[1]), parts[2], parts[3]);
    }

    /// <summary>Peak resident memory of the fake's process (VmHWM), for the record.</summary>
    public long PeakResidentBytes() => ProcMemory.PeakResidentBytes(_process.Id);

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(10_000)) _process.Kill(true);
        _process.Dispose();
    }
}

internal static class ProcMemory
{
    /// <summary>VmHWM of a process in bytes (Linux); -1 elsewhere.</summary>
    public static long PeakResidentBytes(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path)) return -1;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            }
        }
        return -1;
    }

    /// <summary>Resets this process's VmHWM to the current resident size (Linux <c>clear_refs</c> 5).</summary>
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
