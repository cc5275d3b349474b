using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.Core.Upgrades;
using EscFirmware.FakeBmc.SupportSite;

namespace EscFirmware.Benchmarks;

/// <summary>
/// Invoke-EscFirmwareUpgrade (BMC then BIOS, host shut down and powered on) over simulated BMCs whose durations are
/// scaled from minutes to about a second: one server alone gives t1; then fleets at a throttle limit, against
/// ceil(N / throttle) × t1, with the client's peak memory per fleet size.
/// </summary>
internal static class FleetUpgradeBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var throttle = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var folder = Path.Combine(Path.GetTempPath(), "escfw-fleet-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var bmcImage = Path.Combine(folder, "ASMB12-1.37.1.hpm");
            var biosImage = Path.Combine(folder, "Z14PG-D32-ASUS-0804.HPM");
            HpmImageWriter.WriteFile(HpmImageSpec.Bmc("1.37.1"), bmcImage);
            HpmImageWriter.WriteFile(HpmImageSpec.Bios("0804"), biosImage);
            using var fake = FakeBmcChild.Start(FakeBmcChild.ServeFleetArgument, (count + 2).ToString(CultureInfo.InvariantCulture), "0");
            await Task.Yield();
            Console.WriteLine($"{count + 2} fake BMCs in process {fake.ProcessId} (BMC 1.29.1, BIOS 0603, hosts on; update durations scaled to ~1 s); {Environment.ProcessorCount} CPUs.");
            Console.WriteLine("servers  throttle  elapsed s  bound s  ratio  succeeded  failed  client peak RSS MiB");
            // The first server pays JIT and TLS warm-up; the second, alone, gives t1.
            Console.Write("warm-up, not counted: ");
            Measure(fake, 0, 1, 1, folder, bmcImage, biosImage, null);
            var single = Measure(fake, 1, 1, 1, folder, bmcImage, biosImage, null);
            var ok = single.Succeeded == 1;
            var firstWave = Math.Max(throttle, count / 5);
            ok &= Measure(fake, 2, firstWave, throttle, folder, bmcImage, biosImage, single.Elapsed).Succeeded == firstWave;
            ok &= Measure(fake, 2 + firstWave, count - firstWave, throttle, folder, bmcImage, biosImage, single.Elapsed).Succeeded == count - firstWave;
            return ok ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int Succeeded, TimeSpan Elapsed) Measure(FakeBmcChild fake, int skip, int count, int throttle, string folder, string bmcImage, string biosImage, TimeSpan? oneServer)
    {
        var bmcs = fake.Bmcs.Skip(skip).Take(count).ToList();
        var request = new BmcFleetRequest(bmcs.Select(b => new BmcTarget("127.0.0.1", b.Port)), BmcCredential.FromPlainText("admin", fake.Password),
            TlsPolicy.Pin(bmcs.Select(b => b.Sha256).ToArray()), new BmcConnectionSettings(), throttle);
        var options = new FirmwareUpgradeOptions
        {
            BmcImagePath = bmcImage,
            BiosImagePath = biosImage,
            ShutdownHost = true,
            PowerOn = true,
            JournalPath = Path.Combine(folder, "journal"),
            AuditPath = Path.Combine(folder, "audit.jsonl"),
            Bmc = new BmcUpdateSettings { PollInterval = TimeSpan.FromMilliseconds(100), StableReadInterval = TimeSpan.FromMilliseconds(50), RebootTimeout = TimeSpan.FromMinutes(2), StallTimeout = TimeSpan.FromSeconds(30) },
            Bios = new BiosUpdateSettings { PollInterval = TimeSpan.FromMilliseconds(100), KeepAliveInterval = TimeSpan.FromSeconds(1), PostTimeout = TimeSpan.FromMinutes(2), StableBiosReads = 2 },
        };
        GC.Collect();
        ProcMemory.ResetPeak();
        var sink = new CountingSink { Keep = true };
        var clock = Stopwatch.StartNew();
        new FirmwareUpgradeOperation(request, options).Run(sink, CancellationToken.None);
        var elapsed = clock.Elapsed;
        var succeeded = sink.Kept.OfType<EscFirmwareUpgradeSummary>().Count(s => s.Status == UpgradeStatus.Succeeded);
        var bound = oneServer.HasValue ? TimeSpan.FromTicks((long)(Math.Ceiling((double)count / throttle) * oneServer.Value.Ticks)) : elapsed;
        Console.WriteLine($"{count,7}  {throttle,8}  {elapsed.TotalSeconds,9:0.00}  {bound.TotalSeconds,7:0.00}  {elapsed.TotalSeconds / bound.TotalSeconds,5:0.00}  {succeeded,9}  {count - succeeded,6}  {ProcMemory.PeakResidentBytes(Environment.ProcessId) / 1048576.0,19:0}");
        foreach (var error in sink.Errors.Take(3)) Console.WriteLine("  error " + error);
        return (succeeded, elapsed);
    }
}
