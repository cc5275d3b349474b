using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Ilo;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Updates.Generic;
using EscFirmware.FakeBmc;

namespace EscFirmware.Benchmarks;

/// <summary>
/// The non-AMI uploads raced against curl by <see cref="UploadRace"/>: the generic DMTF <c>MultipartHttpPushUri</c> push
/// (<c>redfish</c>, parts UpdateParameters and UpdateFile) and the HPE iLO repository upload (<c>ilo</c>, the seed's
/// parts sessionKey, parameters and file with the session cookie), each against its persona in a child process.
/// </summary>
internal static class PersonaUploadBenchmark
{
    private const string PushPath = "/redfish/v1/UpdateService/update-multipart";
    private const string BmcItem = "/redfish/v1/UpdateService/FirmwareInventory/bmc_active";
    private const string IloUploadPath = "/cgi-bin/uploadFile";

    public static async Task<int> RedfishAsync(string[] args)
    {
        using var fake = FakeBmcChild.Start(FakeBmcChild.ServePersonaArgument, "dmtf");
        Console.WriteLine("Generic DMTF MultipartHttpPushUri push (RedfishImagePush) against curl -F.");
        await new UploadRace
        {
            WriteImage = (path, size) => WriteImage(path, "BMC", size),
            Client = async (image, measure) =>
            {
                using var connection = Connect(fake);
                var access = await RedfishAccess.OpenFittingAsync(connection, Credential(fake), CancellationToken.None);
                try
                {
                    // OnReset: the fake stages the image instead of rebooting, so the next upload does not wait for a reboot.
                    return await measure(progress => RedfishImagePush.MultipartAsync(access, PushPath, BmcItem, "OnReset", image, TimeSpan.FromMinutes(30), progress, CancellationToken.None));
                }
                finally
                {
                    await access.CloseAsync();
                }
            },
            CurlFor = image => new CurlUpload(
                new[]
                {
                    "-F", "UpdateParameters=" + RedfishImagePush.UpdateParameters(BmcItem, "OnReset") + ";type=application/json",
                    "-F", "UpdateFile=@" + image + ";type=application/octet-stream",
                    $"https://127.0.0.1:{fake.Port}{PushPath}",
                },
                "user = \"admin:" + fake.Password + "\"\n", "202"),
            // Each task ends after two 1 ms steps; a new push is refused (503) only while one runs.
            WaitIdle = () => Task.Delay(50),
        }.RunAsync(fake, UploadRace.Sizes(args));
        return 0;
    }

    public static async Task<int> IloAsync(string[] args)
    {
        using var fake = FakeBmcChild.Start(FakeBmcChild.ServePersonaArgument, "ilo");
        using var http = BasicClient(fake);
        var curlToken = await SessionTokenAsync(http, fake);
        Console.WriteLine("HPE iLO repository upload (IloClient.SendComponentAsync) against the seed's curl --form.");
        await new UploadRace
        {
            // A .bin carries its signature inside (no .compsig part), as iLO firmware does.
            ImageName = "ilo6-{0}MiB.bin",
            WriteImage = (path, size) => WriteImage(path, "BMC", size),
            Client = async (image, measure) =>
            {
                using var connection = Connect(fake);
                var session = await RedfishSession.OpenAsync(connection, Credential(fake), CancellationToken.None);
                try
                {
                    var ilo = new IloClient(session, new IloSettings());
                    return await measure(progress => ilo.SendComponentAsync(image, null, false, progress, CancellationToken.None));
                }
                finally
                {
                    await session.CloseAsync();
                }
            },
            // The token goes in through curl's config on standard input, as the password does for the others.
            CurlFor = image => new CurlUpload(
                new[]
                {
                    "-H", "OData-Version: 4.0",
                    "-F", "parameters={\"UpdateRepository\":true,\"UpdateTarget\":false,\"UploadCurrentEtag\":\"bench\"};type=application/json",
                    "-F", "file=@" + image + ";type=application/octet-stream",
                    $"https://127.0.0.1:{fake.Port}{IloUploadPath}",
                },
                "header = \"X-Auth-Token: " + curlToken + "\"\ncookie = \"sessionKey=" + curlToken + "\"\nform = \"sessionKey=" + curlToken + "\"\n", "200"),
            WaitIdle = () => IloIdleAsync(http),
        }.RunAsync(fake, UploadRace.Sizes(args));
        return 0;
    }

    /// <summary>A sparse image the personas accept: their header line, then holes.</summary>
    private static void WriteImage(string path, string target, long size)
    {
        PersonaImage.Write(path, target, "9.9." + (size >> 20), 0);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(size);
    }

    private static BmcConnection Connect(FakeBmcChild fake) =>
        new(new BmcTarget("127.0.0.1", fake.Port), TlsPolicy.Pin(fake.CertificateSha256), new BmcConnectionSettings());

    private static BmcCredential Credential(FakeBmcChild fake) => BmcCredential.FromPlainText("admin", fake.Password);

    private static HttpClient BasicClient(FakeBmcChild fake)
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{fake.Port}/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + fake.Password)));
        return http;
    }

    private static async Task<string> SessionTokenAsync(HttpClient http, FakeBmcChild fake)
    {
        var login = JsonSerializer.Serialize(new { UserName = "admin", Password = fake.Password });
        using var response = await http.PostAsync("/redfish/v1/SessionService/Sessions", new StringContent(login, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Auth-Token").Single();
    }

    /// <summary>Waits until <c>Oem.Hpe.State</c> leaves Uploading/Verifying/Writing, so the next upload is accepted.</summary>
    private static async Task IloIdleAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await Task.Delay(20);
            using var body = JsonDocument.Parse(await http.GetStringAsync("/redfish/v1/UpdateService"));
            var state = body.RootElement.GetProperty("Oem").GetProperty("Hpe").GetProperty("State").GetString();
            if (state is "Idle" or "Complete" or "Error") return;
        }
        throw new TimeoutException("the iLO persona did not become idle within 6 s");
    }
}
