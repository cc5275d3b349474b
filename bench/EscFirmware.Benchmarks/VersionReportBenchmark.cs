using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;

namespace EscFirmware.Benchmarks;

/// <summary>
/// Get-EscFirmwareVersion over N simulated BMCs served by one fake process with a per-request latency, at several
/// throttle limits, against the lower bound that latency and concurrency set: ceil(N / throttle) × requests per host ×
/// latency. Also the client's peak memory for growing fleets at the highest throttle.
/// </summary>
internal static class VersionReportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        var throttles = args.Length > 1 ? args[1].Split(',').Select(int.Parse).ToArray() : new[] { 1, 16, 64 };
        var latency = TimeSpan.FromMilliseconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50);
        var clock = Stopwatch.StartNew();
        using var fake = FakeBmcChild.Start(FakeBmcChild.ServeFleetArgument, count.ToString(CultureInfo.InvariantCulture), ((int)latency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"{count} fake BMCs in process {fake.ProcessId} (started in {clock.Elapsed.TotalSeconds:0.0} s), {latency.TotalMilliseconds:0} ms per request; client is this process; {Environment.ProcessorCount} CPUs; .NET {Environment.Version}.");
        await Task.Yield();
        Console.WriteLine("BMCs  throttle  elapsed s  bound s  ratio  requests/host  ok    errors  client peak RSS MiB  client CPU s");
        Console.Write("warm-up, not counted: ");
        Measure(fake, Math.Min(count, 16), 16, latency);
        var ok = true;
        foreach (var throttle in throttles) ok &= Measure(fake, count, throttle, latency);
        var top = throttles.Max();
        foreach (var size in new[] { count / 4, count / 2 }.Where(s => s >= top && s < count)) ok &= Measure(fake, size, top, latency);
        Console.WriteLine($"Fake process peak RSS: {fake.PeakResidentBytes() / 1048576.0:0} MiB");
        return ok ? 0 : 1;
    }

    private static bool Measure(FakeBmcChild fake, int count, int throttle, TimeSpan latency)
    {
        var targets = fake.Bmcs.Take(count).Select(b => new BmcTarget("127.0.0.1", b.Port)).ToList();
        var request = new BmcFleetRequest(targets, BmcCredential.FromPlainText("admin", fake.Password),
            TlsPolicy.Pin(fake.Bmcs.Select(b => b.Sha256).ToArray()), new BmcConnectionSettings(), throttle);
        GC.Collect();
        ProcMemory.ResetPeak();
        var sink = new CountingSink();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        new FirmwareVersionReport(request).Run(sink, CancellationToken.None);
        var elapsed = clock.Elapsed;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var perHost = (double)sink.Requests / count;
        var bound = TimeSpan.FromTicks((long)(Math.Ceiling((double)count / throttle) * perHost * latency.Ticks));
        var ratio = elapsed.TotalSeconds / bound.TotalSeconds;
        Console.WriteLine($"{count,4}  {throttle,8}  {elapsed.TotalSeconds,9:0.00}  {bound.TotalSeconds,7:0.00}  {ratio,5:0.00}  {perHost,13:0.0}  {sink.Objects,4}  {sink.Errors.Count,6}  {ProcMemory.PeakResidentBytes(Environment.ProcessId) / 1048576.0,19:0}  {cpuSeconds,11:0.00}");
        foreach (var error in sink.Errors.Take(3)) Console.WriteLine("  error " + error);
        return sink.Errors.Count == 0 && sink.Objects == count;
    }
}
