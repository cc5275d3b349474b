using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace EscFirmware.Benchmarks;

/// <summary>One measured client upload: throughput, peaks over the baseline before it, CPU.</summary>
internal sealed record Measurement(double MiBPerSecond, long ManagedPeakDelta, long ResidentPeakDelta, double CpuSeconds);

/// <summary>What curl is run with for one upload: its arguments, a config on standard input (credentials stay off the command line), the status it must answer.</summary>
internal sealed record CurlUpload(IReadOnlyList<string> Arguments, string StandardInput, string ExpectedStatus);

/// <summary>
/// Our client against curl, uploading the same image to the same fake in a child process: for each size a sparse image
/// in a temp folder (read once first, so the page cache is warm for both), five rounds of client then curl with the
/// fake left idle between uploads, each round printed, then best of five and median. The client's managed and
/// resident peaks are measured over the baseline just before its upload.
/// </summary>
internal sealed class UploadRace
{
    private const string Curl = "/usr/bin/curl";
    private const int Repetitions = 5;

    /// <summary>Writes a (sparse) image of the given size that the fake accepts.</summary>
    public required Action<string, long> WriteImage { get; init; }
    /// <summary>One client upload of the image: opens what it needs, runs the upload inside <c>measure</c>, closes.</summary>
    public required Func<string, Func<Func<Action<long, long>, Task>, Task<Measurement>>, Task<Measurement>> Client { get; init; }
    public required Func<string, CurlUpload> CurlFor { get; init; }
    /// <summary>Waits until the fake accepts the next upload (its simulated flash or verification is over).</summary>
    public required Func<Task> WaitIdle { get; init; }
    public string ImageName { get; init; } = "image-{0}MiB.bin";

    public static long[] Sizes(string[] args) =>
        args.Length > 0 ? args.Select(a => long.Parse(a, CultureInfo.InvariantCulture) << 20).ToArray() : new[] { 256L << 20, 1L << 30 };

    public async Task RunAsync(FakeBmcChild fake, long[] sizes)
    {
        var folder = Path.Combine(Path.GetTempPath(), "escfw-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            Console.WriteLine($"Fake BMC in process {fake.ProcessId} on 127.0.0.1:{fake.Port}; client is this process ({Environment.ProcessId}); {Environment.ProcessorCount} CPUs; .NET {Environment.Version}; load average {LoadAverage()}.");
            // One small upload first, not counted: the JIT compiles the upload path once, not inside the first measured run.
            var warmUp = Path.Combine(folder, string.Format(CultureInfo.InvariantCulture, ImageName, 16));
            WriteImage(warmUp, 16L << 20);
            await Client(warmUp, MeasureAsync(warmUp));
            await WaitIdle();
            File.Delete(warmUp);
            Console.WriteLine("size      run     client MiB/s  curl MiB/s  ratio  client managed peak Δ  client RSS peak Δ  load (1 min)  client CPU s  curl CPU s");
            foreach (var size in sizes)
            {
                var image = Path.Combine(folder, string.Format(CultureInfo.InvariantCulture, ImageName, size >> 20));
                WriteImage(image, size);
                // Read once, not counted: a fresh sparse file's first read fills the page cache (seconds of kernel time
                // at 1 GiB), which would land on whichever client went first.
                using (var cache = File.OpenRead(image)) cache.CopyTo(Stream.Null, 1 << 20);
                var clientRuns = new List<Measurement>();
                var curlRuns = new List<double>();
                for (var run = 1; run <= Repetitions; run++)
                {
                    var client = await Client(image, MeasureAsync(image));
                    await WaitIdle();
                    clientRuns.Add(client);
                    var curlCpu = ReapedChildrenCpuSeconds();
                    var curl = File.Exists(Curl) ? RunCurl(CurlFor(image), new FileInfo(image).Length) : double.NaN;
                    var curlCpuSeconds = ReapedChildrenCpuSeconds() - curlCpu;
                    await WaitIdle();
                    curlRuns.Add(curl);
                    Console.WriteLine($"{size >> 20,5} MiB  {run,3}  {client.MiBPerSecond,12:0.0}  {curl,10:0.0}  {client.MiBPerSecond / curl,5:0.00}  {client.ManagedPeakDelta / 1048576.0,17:0.0} MiB  {client.ResidentPeakDelta / 1048576.0,13:0.0} MiB  {LoadAverage().Split(' ')[0],12}  {client.CpuSeconds,12:0.00}  {curlCpuSeconds,10:0.00}");
                }
                var bestClient = clientRuns.Max(c => c.MiBPerSecond);
                var bestCurl = curlRuns.Max();
                var medianClient = Median(clientRuns.Select(c => c.MiBPerSecond));
                var medianCurl = Median(curlRuns);
                Console.WriteLine($"{size >> 20,5} MiB  best {bestClient,12:0.0}  {bestCurl,10:0.0}  {bestClient / bestCurl,5:0.00}  {clientRuns.Max(c => c.ManagedPeakDelta) / 1048576.0,17:0.0} MiB  {clientRuns.Max(c => c.ResidentPeakDelta) / 1048576.0,13:0.0} MiB (worst)");
                Console.WriteLine($"{size >> 20,5} MiB  median {medianClient,10:0.0}  {medianCurl,10:0.0}  {medianClient / medianCurl,5:0.00}");
                File.Delete(image);
            }
            Console.WriteLine($"Fake BMC process peak RSS: {fake.PeakResidentBytes() / 1048576.0:0} MiB; load average at the end {LoadAverage()}.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs one upload with the garbage collected before, the RSS peak reset, and the managed heap sampled every 16 MiB sent.</summary>
    private static Func<Func<Action<long, long>, Task>, Task<Measurement>> MeasureAsync(string image) => async upload =>
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var managedBefore = GC.GetTotalMemory(true);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var residentBefore = self.WorkingSet64;
        ProcMemory.ResetPeak();
        long managedPeak = managedBefore;
        long lastSample = 0;
        var cpu = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await upload((sent, _) =>
        {
            if (sent - lastSample < 16 << 20) return;
            lastSample = sent;
            managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false));
        });
        clock.Stop();
        self.Refresh();
        var cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
        managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false));
        var residentPeak = ProcMemory.PeakResidentBytes(Environment.ProcessId);
        return new Measurement(new FileInfo(image).Length / 1048576.0 / clock.Elapsed.TotalSeconds, managedPeak - managedBefore, residentPeak - residentBefore, cpuSeconds);
    };

    /// <summary>Runs curl; returns MiB/s of the image over the wall-clock time.</summary>
    private static double RunCurl(CurlUpload upload, long imageBytes)
    {
        var start = new ProcessStartInfo(Curl) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-k", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-K", "-", "-H", "Expect:" }.Concat(upload.Arguments)) start.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var curl = Process.Start(start)!;
        curl.StandardInput.Write(upload.StandardInput);
        curl.StandardInput.Close();
        var status = curl.StandardOutput.ReadToEnd();
        curl.WaitForExit();
        clock.Stop();
        if (status != upload.ExpectedStatus) throw new InvalidOperationException("curl upload answered " + status + " " + curl.StandardError.ReadToEnd());
        return imageBytes / 1048576.0 / clock.Elapsed.TotalSeconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>User + system CPU of this process's exited and waited-for children (curl), from /proc/self/stat.</summary>
    private static double ReapedChildrenCpuSeconds()
    {
        if (!File.Exists("/proc/self/stat")) return double.NaN;
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
        // Fields 16 and 17 of stat (cutime, cstime), counted from the state field (3) after the command name.
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
