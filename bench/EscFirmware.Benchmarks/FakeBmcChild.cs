using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;

namespace EscFirmware.Benchmarks;

/// <summary>
/// Fake BMCs in their own process, so that the benchmark process measures only the client: one BMC for the upload
/// benchmark (<c>--serve</c>), or a fleet with a per-request latency and short update timings (<c>--serve-fleet N MS
/// [EXPAND [MIRRORS]]</c>, EXPAND one of <see cref="ExpandQuery"/>'s names, MIRRORS more ports per BMC, each listed as a
/// BMC of its own). Stopped when its standard input closes.
/// </summary>
internal sealed class FakeBmcChild : IDisposable
{
    public const string ServeArgument = "--serve";
    public const string ServeFleetArgument = "--serve-fleet";
    /// <summary>One BMC of a non-AMI persona (<c>dmtf</c> or <c>ilo</c>) that takes images of any size and is idle again within a few milliseconds.</summary>
    public const string ServePersonaArgument = "--serve-persona";
    private readonly Process _process;

    private FakeBmcChild(Process process, IReadOnlyList<(int Port, string Sha256)> bmcs, string password)
    {
        _process = process;
        Bmcs = bmcs;
        Password = password;
    }

    public IReadOnlyList<(int Port, string Sha256)> Bmcs { get; }
    public int Port => Bmcs[0].Port;
    public string CertificateSha256 => Bmcs[0].Sha256;
    public string Password { get; }
    public int ProcessId => _process.Id;

    public static async Task<int> ServeAsync(string[] args)
    {
        var fleet = args[0] == ServeFleetArgument;
        // Each simulated BMC stands for a machine of its own: the one process serving them all must not be the bottleneck.
        if (fleet) ThreadPool.SetMinThreads(256, 256);
        var options = args[0] == ServePersonaArgument ? PersonaOptions(args[1]) : fleet ? FleetOptions(TimeSpan.FromMilliseconds(int.Parse(args[2])), args.Length > 3 ? Enum.Parse<ExpandQuery>(args[3]) : ExpandQuery.Ignored) with
        {
            MirrorPorts = args.Length > 4 ? int.Parse(args[4]) : 0,
        } : new FakeBmcOptions
        {
            MaxImageSizeBytes = 4L << 30,
            Timings = new FakeBmcTimings { FlashStepDuration = TimeSpan.FromMilliseconds(1), BmcRebootDuration = TimeSpan.FromMilliseconds(200) },
        };
        await using var bmcs = await FakeBmcFleet.StartAsync(fleet ? int.Parse(args[1]) : 1, 0, options);
        await BootAsync(bmcs);
        Console.WriteLine("READY " + options.Password);
        foreach (var server in bmcs.Servers)
        {
            foreach (var port in server.MirrorPorts.Prepend(server.Port)) Console.WriteLine(port + " " + server.CertificateSha256);
        }
        Console.WriteLine("END");
        await Console.In.ReadToEndAsync();
        return 0;
    }

    /// <summary>
    /// One unauthenticated request per fake, so each ASP.NET host builds its routing tables now and not during the
    /// measurement: a real BMC has no such first-request cost.
    /// </summary>
    private static async Task BootAsync(FakeBmcFleet bmcs)
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
        await Parallel.ForEachAsync(bmcs.Servers, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (server, token) => (await http.GetAsync(new Uri(server.BaseUri, "/redfish/v1"), token)).Dispose());
    }

    private static FakeBmcOptions PersonaOptions(string persona) => persona == "ilo"
        ? FakeBmcOptions.ForPersona(FakePersona.HpeIlo) with { Ilo = new IloPersonaOptions { UploadStepDuration = TimeSpan.FromMilliseconds(20), RepositoryBytes = 8L << 30 } }
        : FakeBmcOptions.ForPersona(FakePersona.GenericDmtf) with
        {
            Dmtf = new DmtfPersonaOptions { MaxImageSizeBytes = 4L << 30 },
            Timings = new FakeBmcTimings { FlashStepDuration = TimeSpan.FromMilliseconds(1), BmcRebootDuration = TimeSpan.FromMilliseconds(200) },
        };

    /// <summary>BMCs one release behind with the host on, and update timings scaled from minutes to about a second.</summary>
    private static FakeBmcOptions FleetOptions(TimeSpan latency, ExpandQuery expand) => new()
    {
        ResponseLatency = latency,
        ExpandQuery = expand,
        Timings = new FakeBmcTimings
        {
            FlashStepDuration = TimeSpan.FromMilliseconds(100),
            BmcRebootDuration = TimeSpan.FromSeconds(1),
            HpmFlashDuration = TimeSpan.FromSeconds(1),
            HpmVerifyDuration = TimeSpan.FromMilliseconds(300),
            GracefulShutdownDuration = TimeSpan.FromMilliseconds(500),
            BiosPostDuration = TimeSpan.FromSeconds(1),
        },
    };

    public static FakeBmcChild Start(params string[] serveArguments) => WaitReady(Launch(serveArguments));

    /// <summary>Several children started at once (each boots its share of the fleet in parallel with the others).</summary>
    public static IReadOnlyList<FakeBmcChild> StartMany(IEnumerable<string[]> serveArguments) =>
        serveArguments.Select(Launch).ToList().Select(WaitReady).ToList();

    private static Process Launch(string[] serveArguments)
    {
        var self = typeof(FakeBmcChild).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(self);
        foreach (var argument in serveArguments.DefaultIfEmpty(ServeArgument)) start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the fake BMC process");
    }

    private static FakeBmcChild WaitReady(Process process)
    {
        var ready = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the fake BMC process printed nothing");
        if (!ready.StartsWith("READY ", StringComparison.Ordinal)) throw new InvalidOperationException("unexpected output from the fake BMC process: " + ready);
        var bmcs = new List<(int, string)>();
        for (var line = process.StandardOutput.ReadLine(); line != null && line != "END"; line = process.StandardOutput.ReadLine())
        {
            var parts = line.Split(' ');
            bmcs.Add((int.Parse(parts[0]), parts[1]));
        }
        return new FakeBmcChild(process, bmcs, ready.Substring("READY ".Length));
    }

    /// <summary>User + system CPU the fake's process has used so far (Linux /proc), in seconds; NaN elsewhere.</summary>
    public double CpuSeconds()
    {
        var path = $"/proc/{_process.Id}/stat";
        if (!File.Exists(path)) return double.NaN;
        var stat = File.ReadAllText(path);
        var fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
        // utime and stime are fields 14 and 15 of stat, counted from the state field (3) after the command name.
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Peak resident memory of the fake's process (VmHWM), for the record.</summary>
    public long PeakResidentBytes() => ProcMemory.PeakResidentBytes(_process.Id);

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(30_000)) _process.Kill(true);
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
