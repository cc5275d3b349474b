using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.FakeBmc;

namespace EscFirmware.Benchmarks;

/// <summary>
/// Get-EscFirmwareVersion over N simulated BMCs, each answering every request after a fixed latency, at several throttle
/// limits. The BMCs are the ports of a few fake BMCs in child processes (<see cref="FakeBmcOptions.MirrorPorts"/>): each
/// port is a TCP and TLS endpoint of its own, as a real BMC is, without thousands of web hosts on a 2-core machine; against the physical bound: the fewest requests the data needs (3 with
/// <c>$expand</c>, 5 without) × latency × ceil(N / throttle). Also the client's peak memory for each run.
/// </summary>
internal static class VersionReportBenchmark
{
    private const int PortsPerProcess = 1250;

    public static async Task<int> RunAsync(string[] args)
    {
        var counts = args.Length > 0 ? ParseList(args[0]) : new[] { 500, 5000 };
        var throttles = args.Length > 1 ? ParseList(args[1]) : new[] { 16, 64, 256 };
        var latency = TimeSpan.FromMilliseconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50);
        var expand = args.Length > 3 ? Enum.Parse<ExpandQuery>(args[3]) : ExpandQuery.Supported;
        var fewest = expand == ExpandQuery.Supported ? 3 : 5;
        var total = counts.Max();
        var clock = Stopwatch.StartNew();
        var slices = Enumerable.Range(0, (total + PortsPerProcess - 1) / PortsPerProcess)
            .Select(i => Math.Min(PortsPerProcess, total - i * PortsPerProcess))
            .Select(n => new[] { FakeBmcChild.ServeFleetArgument, "1", ((int)latency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), expand.ToString(), (n - 1).ToString(CultureInfo.InvariantCulture) });
        var fakes = FakeBmcChild.StartMany(slices);
        try
        {
            await Task.Yield();
            var bmcs = fakes.SelectMany(f => f.Bmcs).ToList();
            var password = fakes[0].Password;
            Console.WriteLine($"{bmcs.Count} BMC ports in {fakes.Count} fake processes (started in {clock.Elapsed.TotalSeconds:0} s), {latency.TotalMilliseconds:0} ms per request, $expand {expand} (fewest requests per BMC: {fewest}); client is this process; {Environment.ProcessorCount} CPUs; .NET {Environment.Version}.");
            Console.WriteLine($"load average before: {LoadAverage()}");
            Console.WriteLine("BMCs  throttle  elapsed s  bound s  ratio  requests/BMC  ok    errors  client peak RSS MiB  client CPU s  fake CPU s  JIT methods  load avg (1 min) after");
            // The first thousand hosts otherwise pay for most of tiered compilation; the JIT column shows what still compiles in a run.
            Console.Write("warm-up, not counted: ");
            Measure(fakes, bmcs, password, Math.Min(total, 1000), 256, latency, fewest);
            var ok = true;
            foreach (var count in counts)
            {
                foreach (var throttle in throttles) ok &= Measure(fakes, bmcs, password, count, throttle, latency, fewest);
            }
            Console.WriteLine($"Fake processes' peak RSS: {string.Join(", ", fakes.Select(f => (f.PeakResidentBytes() / 1048576.0).ToString("0", CultureInfo.InvariantCulture)))} MiB");
            return ok ? 0 : 1;
        }
        finally
        {
            foreach (var fake in fakes) fake.Dispose();
        }
    }

    private static bool Measure(IReadOnlyList<FakeBmcChild> fakes, IReadOnlyList<(int Port, string Sha256)> bmcs, string password, int count, int throttle, TimeSpan latency, int fewest)
    {
        var fleet = bmcs.Take(count).ToList();
        var request = new BmcFleetRequest(fleet.Select(b => new BmcTarget("127.0.0.1", b.Port)), BmcCredential.FromPlainText("admin", password),
            TlsPolicy.Pin(fleet.Select(b => b.Sha256).ToArray()), new BmcConnectionSettings(), throttle);
        GC.Collect();
        ProcMemory.ResetPeak();
        var sink = new CountingSink();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var fakeCpu = fakes.Sum(f => f.CpuSeconds());
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var clock = Stopwatch.StartNew();
        new FirmwareVersionReport(request).Run(sink, CancellationToken.None);
        var elapsed = clock.Elapsed;
        jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var fakeCpuSeconds = fakes.Sum(f => f.CpuSeconds()) - fakeCpu;
        var perHost = (double)sink.Requests / count;
        var bound = TimeSpan.FromTicks((long)(Math.Ceiling((double)count / throttle) * fewest * latency.Ticks));
        var ratio = elapsed.TotalSeconds / bound.TotalSeconds;
        Console.WriteLine($"{count,4}  {throttle,8}  {elapsed.TotalSeconds,9:0.00}  {bound.TotalSeconds,7:0.00}  {ratio,5:0.00}  {perHost,12:0.0}  {sink.Objects,4}  {sink.Errors.Count,6}  {ProcMemory.PeakResidentBytes(Environment.ProcessId) / 1048576.0,19:0}  {cpuSeconds,12:0.00}  {fakeCpuSeconds,10:0.00}  {jitted,11}  {LoadAverage().Split(' ')[0]}");
        foreach (var error in sink.Errors.Take(3)) Console.WriteLine("  error " + error);
        return sink.Errors.Count == 0 && sink.Objects == count;
    }

    private static int[] ParseList(string text) => text.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();

    private static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? string.Join(" ", System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
