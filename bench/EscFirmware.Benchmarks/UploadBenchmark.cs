using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.FakeBmc.SupportSite;

namespace EscFirmware.Benchmarks;

/// <summary>
/// Throughput and peak memory of <see cref="MultipartImageUpload"/> against the fake BMC, next to <c>curl -F</c> with the
/// same three parts, for a 256 MiB and a 1 GiB image (sparse files in a temp folder, deleted afterwards).
/// </summary>
internal static class UploadBenchmark
{
    private const string Curl = "/usr/bin/curl";
    private const string Target = "/redfish/v1/UpdateService/FirmwareInventory/BMCImage1";
    private const string UploadPath = "/redfish/v1/UpdateService/upload";
    private const int Repetitions = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => long.Parse(a, CultureInfo.InvariantCulture) << 20).ToArray() : new[] { 256L << 20, 1L << 30 };
        var folder = Path.Combine(Path.GetTempPath(), "escfw-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var fake = FakeBmcChild.Start();
            Console.WriteLine($"Fake BMC in process {fake.ProcessId} on 127.0.0.1:{fake.Port}; client is this process ({Environment.ProcessId}); {Environment.ProcessorCount} CPUs; .NET {Environment.Version}; load average {LoadAverage()}.");
            await PreserveConfigurationAsync(fake);
            // One small upload first, not counted: the JIT compiles the upload path once, not inside the first measured run.
            var warmUp = Path.Combine(folder, "warm-up.hpm");
            WriteImage(warmUp, 16L << 20);
            await ClientAsync(fake, warmUp);
            await WaitIdleAsync(fake);
            Console.WriteLine("size      run     client MiB/s  curl MiB/s  ratio  client managed peak Δ  client RSS peak Δ  load (1 min)  client CPU s  curl CPU s");
            foreach (var size in sizes)
            {
                var image = Path.Combine(folder, $"bmc-{size >> 20}MiB.hpm");
                WriteImage(image, size);
                // Read once, not counted: a fresh sparse file's first read fills the page cache (seconds of kernel time
                // at 1 GiB), which would land on whichever client went first.
                using (var cache = File.OpenRead(image)) cache.CopyTo(Stream.Null, 1 << 20);
                var clientRuns = new List<Measurement>();
                var curlRuns = new List<double>();
                for (var run = 1; run <= Repetitions; run++)
                {
                    var client = await ClientAsync(fake, image);
                    await WaitIdleAsync(fake);
                    clientRuns.Add(client);
                    var curlCpu = ReapedChildrenCpuSeconds();
                    var curl = File.Exists(Curl) ? CurlUpload(fake, image) : double.NaN;
                    var curlCpuSeconds = ReapedChildrenCpuSeconds() - curlCpu;
                    await WaitIdleAsync(fake);
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
            Console.WriteLine($"Fake BMC process peak RSS: {fake.PeakResidentBytes() / 1048576.0:0} MiB");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed record Measurement(double MiBPerSecond, long ManagedPeakDelta, long ResidentPeakDelta, double CpuSeconds);

    private static void WriteImage(string path, long size)
    {
        var revision = HpmImageSpec.BmcRevision("1.37.1");
        HpmImageWriter.WriteFile(new HpmImageSpec
        {
            FirmwareRevision = revision,
            Sparse = true,
            Components =
            [
                new HpmComponentSpec { Bit = 0, Description = "BOOT", Version = revision, Length = 4096 },
                new HpmComponentSpec { Bit = 1, Description = "APP", Version = revision, Length = size - 4096 - 200 },
            ],
        }, path);
    }

    private static async Task<Measurement> ClientAsync(FakeBmcChild fake, string image)
    {
        var target = new BmcTarget("127.0.0.1", fake.Port);
        using var connection = new BmcConnection(target, TlsPolicy.Pin(fake.CertificateSha256), new BmcConnectionSettings());
        var session = await RedfishSession.OpenAsync(connection, BmcCredential.FromPlainText("admin", fake.Password), CancellationToken.None);
        try
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
            await MultipartImageUpload.SendAsync(session, UploadPath, Target, image, TimeSpan.FromMinutes(30), (sent, _) =>
            {
                if (sent - lastSample < 16 << 20) return;
                lastSample = sent;
                managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false));
            }, CancellationToken.None);
            clock.Stop();
            self.Refresh();
            var cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
            managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false));
            var residentPeak = ProcMemory.PeakResidentBytes(Environment.ProcessId);
            return new Measurement(new FileInfo(image).Length / 1048576.0 / clock.Elapsed.TotalSeconds, managedPeak - managedBefore, residentPeak - residentBefore, cpuSeconds);
        }
        finally
        {
            await session.CloseAsync();
        }
    }

    /// <summary>As the real workflow does: without the preserve flags the fake's flash resets the password.</summary>
    private static async Task PreserveConfigurationAsync(FakeBmcChild fake)
    {
        using var connection = new BmcConnection(new BmcTarget("127.0.0.1", fake.Port), TlsPolicy.Pin(fake.CertificateSha256), new BmcConnectionSettings());
        var session = await RedfishSession.OpenAsync(connection, BmcCredential.FromPlainText("admin", fake.Password), CancellationToken.None);
        try
        {
            await PreserveConfigurationGuard.EnsureAllPreservedAsync(session, "/redfish/v1/UpdateService", CancellationToken.None);
        }
        finally
        {
            await session.CloseAsync();
        }
    }

    /// <summary>curl with the same three parts; returns MiB/s of the file part over the wall-clock time.</summary>
    private static double CurlUpload(FakeBmcChild fake, string image)
    {
        var parameters = JsonSerializer.Serialize(new Dictionary<string, object> { ["Targets"] = new[] { Target }, ["@Redfish.OperationApplyTime"] = "Immediate" });
        var start = new ProcessStartInfo(Curl) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "-k", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-K", "-", "-H", "Expect:",
            "-F", "UpdateParameters=" + parameters + ";type=application/json",
            "-F", "OemParameters={\"ImageType\":\"HPM\"};type=application/json",
            "-F", "UpdateFile=@" + image + ";type=application/octet-stream",
            $"https://127.0.0.1:{fake.Port}{UploadPath}",
        })
        {
            start.ArgumentList.Add(arg);
        }
        var clock = Stopwatch.StartNew();
        using var curl = Process.Start(start)!;
        // The password goes through a config file on standard input, not the command line.
        curl.StandardInput.WriteLine("user = \"admin:" + fake.Password + "\"");
        curl.StandardInput.Close();
        var status = curl.StandardOutput.ReadToEnd();
        curl.WaitForExit();
        clock.Stop();
        if (status != "202") throw new InvalidOperationException("curl upload answered " + status + " " + curl.StandardError.ReadToEnd());
        return new FileInfo(image).Length / 1048576.0 / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Waits until the fake finished the simulated flash and reboot, so the next upload is accepted.</summary>
    private static async Task WaitIdleAsync(FakeBmcChild fake)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{fake.Port}/"), Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + fake.Password)));
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await Task.Delay(100);
            try
            {
                using var response = await http.GetAsync("/redfish/v1/UpdateService");
                if (!response.IsSuccessStatusCode) continue;
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var status = body.RootElement.GetProperty("Oem").GetProperty("AMIUpdateService").GetProperty("UpdateStatus");
                if (status.ValueKind == JsonValueKind.Null) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
        }
        throw new TimeoutException("the fake BMC did not become idle within 30 s");
    }
}
