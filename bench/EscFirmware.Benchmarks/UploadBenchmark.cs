using System;
using System.Collections.Generic;
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
/// same three parts, for a 256 MiB and a 1 GiB image (sparse files in a temp folder, deleted afterwards), raced by <see cref="UploadRace"/>.
/// </summary>
internal static class UploadBenchmark
{
    private const string Target = "/redfish/v1/UpdateService/FirmwareInventory/BMCImage1";
    private const string UploadPath = "/redfish/v1/UpdateService/upload";

    public static async Task<int> RunAsync(string[] args)
    {
        using var fake = FakeBmcChild.Start();
        await PreserveConfigurationAsync(fake);
        await new UploadRace
        {
            WriteImage = WriteImage,
            ImageName = "bmc-{0}MiB.hpm",
            Client = (image, measure) => ClientAsync(fake, image, measure),
            CurlFor = image => CurlUpload(fake, image),
            WaitIdle = () => WaitIdleAsync(fake),
        }.RunAsync(fake, UploadRace.Sizes(args));
        return 0;
    }

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

    private static async Task<Measurement> ClientAsync(FakeBmcChild fake, string image, Func<Func<Action<long, long>, Task>, Task<Measurement>> measure)
    {
        var target = new BmcTarget("127.0.0.1", fake.Port);
        using var connection = new BmcConnection(target, TlsPolicy.Pin(fake.CertificateSha256), new BmcConnectionSettings());
        var session = await RedfishSession.OpenAsync(connection, BmcCredential.FromPlainText("admin", fake.Password), CancellationToken.None);
        try
        {
            return await measure(progress => MultipartImageUpload.SendAsync(session, UploadPath, Target, image, TimeSpan.FromMinutes(30), progress, CancellationToken.None));
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

    /// <summary>curl with the same three parts.</summary>
    private static CurlUpload CurlUpload(FakeBmcChild fake, string image)
    {
        var parameters = JsonSerializer.Serialize(new Dictionary<string, object> { ["Targets"] = new[] { Target }, ["@Redfish.OperationApplyTime"] = "Immediate" });
        return new CurlUpload(
            new[]
            {
                "-F", "UpdateParameters=" + parameters + ";type=application/json",
                "-F", "OemParameters={\"ImageType\":\"HPM\"};type=application/json",
                "-F", "UpdateFile=@" + image + ";type=application/octet-stream",
                $"https://127.0.0.1:{fake.Port}{UploadPath}",
            },
            "user = \"admin:" + fake.Password + "\"\n", "202");
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
