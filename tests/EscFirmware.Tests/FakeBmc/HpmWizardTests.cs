using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.FakeBmc;

public sealed class HpmWizardTests
{
    private const string Hpm = "/api/maintenance/hpm/";

    private static readonly FakeBmcTimings Fast = new()
    {
        HpmFlashDuration = TimeSpan.FromMilliseconds(300),
        HpmVerifyDuration = TimeSpan.FromMilliseconds(100),
        GracefulShutdownDuration = TimeSpan.FromMilliseconds(300),
        BiosPostDuration = TimeSpan.FromMilliseconds(300),
    };

    private sealed class WebClient(HttpClient http, string cookie, string csrf)
    {
        public Task<HttpResponseMessage> Put(string path, string json) => http.SendAsync(With(new HttpRequestMessage(HttpMethod.Put, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        }));

        public Task<HttpResponseMessage> Put(string path, JsonObject body) => Put(path, body.ToJsonString());

        public Task<HttpResponseMessage> Get(string path) => http.SendAsync(With(new HttpRequestMessage(HttpMethod.Get, path)));

        public Task<HttpResponseMessage> Upload(string endpoint, string field, byte[] data)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(data), field, "image.bin" } };
            return http.SendAsync(With(new HttpRequestMessage(HttpMethod.Post, Hpm + endpoint) { Content = form }));
        }

        public HttpRequestMessage With(HttpRequestMessage request)
        {
            request.Headers.Add("Cookie", cookie);
            request.Headers.Add("X-CSRFTOKEN", csrf);
            return request;
        }
    }

    private static async Task<WebClient> Login(HttpClient http, FakeBmcServer bmc)
    {
        using var response = await http.PostAsync("/api/session", FakeBmcHttp.Form(bmc.Options.UserName, bmc.Options.Password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("QSESSIONID=")).Split(';')[0];
        return new WebClient(http, cookie, (string)(await response.Json())["CSRFToken"]!);
    }

    private static JsonObject Prepare(int id, int length) => new()
    {
        ["FWUPDATEID"] = id, ["COMPONENT_ID"] = 4, ["PRODUCT_ID"] = 0, ["MANAFACTURE_ID"] = 0,
        ["HPM_FLAG"] = 1, ["COMPONENT_DATA_LEN"] = length, ["IS_MMC"] = 0,
    };

    private static JsonObject Flash(int id, int length) => new()
    {
        ["COMPONENT_ID"] = 4, ["COMPONENT_DATA_LEN"] = length, ["FWUPDATEID"] = id, ["SECTION_FLASH"] = 0,
    };

    private static async Task<int> EnterUpdateMode(WebClient web)
    {
        using var response = await web.Put(Hpm + "updatemode", "{}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (int)(await response.Json())["unique_id"]!;
    }

    private static async Task<int> PollUntilDone(WebClient web, string path)
    {
        for (var i = 0; i < 100; i++)
        {
            using var status = await web.Get(path);
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            var progress = (int)(await status.Json())["PROGRESS"]!;
            if (progress is >= 100 or < 0)
            {
                return progress;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException(path);
    }

    [Fact]
    public async Task TheFullWizardFlashesTheBiosWhichShowsAfterPost()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { PowerState = PowerState.Off, Timings = Fast });
        using var http = FakeBmcHttp.Client(bmc);
        var web = await Login(http, bmc);
        var data = RandomNumberGenerator.GetBytes(5000);

        using var save = await web.Put("/api/maintenance/firmware/biosSaveSetting", """{"EnableSaveBIOS":1,"Ctrl":2}""");
        var id = await EnterUpdateMode(web);
        using var prepare = await web.Put(Hpm + "preparecomponents", Prepare(id, data.Length));
        using var upload = await web.Upload("oemfw", "oemimage", data);
        using var early = await web.Get($"{Hpm}upgradestatus?COMPONENT_ID=4&FWUPDATEID={id}");
        using var flash = await web.Put(Hpm + "flash", Flash(id, data.Length));
        var flashed = await PollUntilDone(web, $"{Hpm}upgradestatus?COMPONENT_ID=4&FWUPDATEID={id}");
        using var verify = await web.Put(Hpm + "verifyimage", new JsonObject { ["COMPONENT_ID"] = 4, ["COMPONENT_DATA_LEN"] = data.Length, ["FWUPDATEID"] = id });
        var verified = await PollUntilDone(web, Hpm + "verifyimagestatus?COMPONENT_ID=4");
        using var activate = await web.Put(Hpm + "activatecomponents", new JsonObject { ["FWUPDATEID"] = id, ["COMPONENT_ID"] = 4 });
        using var exit = await web.Put(Hpm + "exitupdatemode", new JsonObject { ["FWUPDATEID"] = id });

        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        Assert.True(bmc.State.HpmWizard.BiosSettingsSaved);
        Assert.Equal(data.Length, (int)(await prepare.Json())["COMPONENT_DATA_LEN"]!);
        Assert.Equal(0, (int)(await upload.Json())["cc"]!);
        Assert.Equal(HttpStatusCode.InternalServerError, early.StatusCode);
        Assert.Equal(1442, (int)(await early.Json())["code"]!);
        Assert.Equal(HttpStatusCode.OK, flash.StatusCode);
        Assert.Equal(100, flashed);
        Assert.Equal(100, verified);
        Assert.Equal(HttpStatusCode.OK, activate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, exit.StatusCode);
        Assert.Null(bmc.State.UpdateModeId);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(data)), bmc.State.HpmWizard.ReceivedSha256);
        Assert.Empty(bmc.State.HpmWizard.Violations);
        Assert.Equal("0603", bmc.State.BiosVersion);
        Assert.Equal("0804", bmc.State.Host.PendingBiosVersion);

        bmc.State.Host.Reset("On");
        Assert.Equal("", bmc.State.BiosVersion);
        await Task.Delay(700);
        Assert.Equal("0804", bmc.State.BiosVersion);
        Assert.Null(bmc.State.Host.PendingBiosVersion);
    }

    [Theory]
    [InlineData("""{"FWUPDATEID":1,"COMPONENT_ID":4}""", "Required Variable Not Found")]
    [InlineData("""{"FWUPDATEID":"1","COMPONENT_ID":4,"PRODUCT_ID":0,"MANAFACTURE_ID":0,"HPM_FLAG":1,"COMPONENT_DATA_LEN":9,"IS_MMC":0}""", "Invalid Variable Type Received")]
    [InlineData("", "Invalid JSON Message Received")]
    [InlineData("not json", "Invalid JSON Message Received")]
    public async Task BadBodiesGetCompletionCode8(string body, string error)
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { PowerState = PowerState.Off });
        using var http = FakeBmcHttp.Client(bmc);
        var web = await Login(http, bmc);

        using var response = await web.Put(Hpm + "preparecomponents", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.Json();
        Assert.Equal(8, (int)json["cc"]!);
        Assert.Equal(error, (string?)json["error"]);
    }

    [Fact]
    public async Task UpdateModeLocksOutNewLoginsAndRedfishUntilAnySessionExitsIt()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { PowerState = PowerState.Off });
        using var http = FakeBmcHttp.Client(bmc);
        var primary = await Login(http, bmc);
        var rescue = await Login(http, bmc);
        var id = await EnterUpdateMode(primary);

        using var login = await http.PostAsync("/api/session", FakeBmcHttp.Form(bmc.Options.UserName, bmc.Options.Password));
        using var redfish = await http.GetBasicAsync(bmc, "/redfish/v1/Systems/System_0");
        using var second = await rescue.Put(Hpm + "updatemode", "{}");
        using var wrongId = await rescue.Put(Hpm + "exitupdatemode", new JsonObject { ["FWUPDATEID"] = id + 1 });
        using var exit = await rescue.Put(Hpm + "exitupdatemode", new JsonObject { ["FWUPDATEID"] = id });
        using var after = await http.GetBasicAsync(bmc, "/redfish/v1/Systems/System_0");

        Assert.Equal(1348, (int)(await login.Json())["code"]!);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, redfish.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, exit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(["update mode entered while update mode " + id + " was active"], bmc.State.HpmWizard.Violations);
    }

    [Fact]
    public async Task FlashWithTheHostOnIsRecordedAsAViolation()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { PowerState = PowerState.On, Timings = Fast });
        using var http = FakeBmcHttp.Client(bmc);
        var web = await Login(http, bmc);
        var id = await EnterUpdateMode(web);
        using var prepare = await web.Put(Hpm + "preparecomponents", Prepare(id, 100));
        using var upload = await web.Upload("oemfw", "oemimage", new byte[100]);

        using var flash = await web.Put(Hpm + "flash", Flash(id, 100));

        Assert.Equal(HttpStatusCode.OK, flash.StatusCode);
        Assert.Single(bmc.State.HpmWizard.Violations, v => v.Contains("while the host was on"));
    }

    [Fact]
    public async Task UploadsOfTheWrongLengthOrFieldAreRejected()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { PowerState = PowerState.Off });
        using var http = FakeBmcHttp.Client(bmc);
        var web = await Login(http, bmc);
        var id = await EnterUpdateMode(web);
        using var prepare = await web.Put(Hpm + "preparecomponents", Prepare(id, 100));

        using var shortUpload = await web.Upload("oemfw", "oemimage", new byte[99]);
        using var wrongField = await web.Upload("oemfw", "fwimage", new byte[100]);
        using var wrongEndpoint = await web.Upload("biosfw", "hpmbios", new byte[100]);

        Assert.Equal(HttpStatusCode.BadRequest, shortUpload.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongField.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, wrongEndpoint.StatusCode);
        Assert.Equal(HpmWizardPhase.Prepared, bmc.State.HpmWizard.Phase);
    }

    [Fact]
    public async Task FaultsFailTheFlashAndDropTheSession()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions
        {
            PowerState = PowerState.Off, Timings = Fast,
            Faults = new FakeBmcFaults { HpmFlashFailsAtPercent = 40, HpmDropSessionAfter = "flash" },
        });
        using var http = FakeBmcHttp.Client(bmc);
        var web = await Login(http, bmc);
        var rescue = await Login(http, bmc);
        var id = await EnterUpdateMode(web);
        using var prepare = await web.Put(Hpm + "preparecomponents", Prepare(id, 10));
        using var upload = await web.Upload("oemfw", "oemimage", new byte[10]);
        using var flash = await web.Put(Hpm + "flash", Flash(id, 10));
        using var dropped = await web.Get("/api/chassis-status");

        var progress = await PollUntilDone(rescue, $"{Hpm}upgradestatus?COMPONENT_ID=4&FWUPDATEID={id}");

        Assert.Equal(HttpStatusCode.OK, flash.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, dropped.StatusCode);
        Assert.Equal(-1, progress);
        Assert.Equal(HpmWizardPhase.FlashFailed, bmc.State.HpmWizard.Phase);
    }

    [Fact]
    public async Task GracefulShutdownTakesTimeAndForceOffDoesNot()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { PowerState = PowerState.On, Timings = Fast });

        bmc.State.Host.Reset("GracefulShutdown");
        var rightAfter = bmc.State.PowerState;
        await Task.Delay(600);
        var later = bmc.State.PowerState;
        bmc.State.Host.Reset("On");
        bmc.State.Host.Reset("ForceOff");

        Assert.Equal(PowerState.On, rightAfter);
        Assert.Equal(PowerState.Off, later);
        Assert.Equal(PowerState.Off, bmc.State.PowerState);
    }

    [Fact]
    public async Task PowerDrainClearsUpdateModeAndTheWizard()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { PowerState = PowerState.Off });
        using (var http = FakeBmcHttp.Client(bmc))
        {
            var web = await Login(http, bmc);
            var id = await EnterUpdateMode(web);
            using var prepare = await web.Put(Hpm + "preparecomponents", Prepare(id, 10));
        }

        bmc.State.PowerDrain(TimeSpan.FromMilliseconds(200));
        await bmc.WhenUpAsync();

        Assert.Null(bmc.State.UpdateModeId);
        Assert.Equal(HpmWizardPhase.Idle, bmc.State.HpmWizard.Phase);
        Assert.Equal(0, bmc.State.ActiveWebSessions);
    }
}
