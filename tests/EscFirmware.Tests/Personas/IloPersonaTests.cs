using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.FakeBmc;
using EscFirmware.Tests.Hpm;
using Xunit;

namespace EscFirmware.Tests.Personas;

/// <summary>The HPE iLO persona's update service behaves as seed 004 describes it.</summary>
public sealed class IloPersonaTests
{
    private const string UpdateService = "/redfish/v1/UpdateService";

    internal static FakeBmcOptions Ilo(IloPersonaOptions? ilo = null) => FakeBmcOptions.ForPersona(FakePersona.HpeIlo) with
    {
        Ilo = ilo ?? new IloPersonaOptions { UploadStepDuration = TimeSpan.FromMilliseconds(200), ApplyDuration = TimeSpan.FromMilliseconds(300) },
    };

    private static async Task<string> LoginAsync(HttpClient http, FakeBmcServer bmc)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/redfish/v1/SessionService/Sessions")
        {
            Content = FakeBmcHttp.JsonBody(new JsonObject { ["UserName"] = bmc.Options.UserName, ["Password"] = bmc.Options.Password }),
        });
        return response.Headers.GetValues("X-Auth-Token").Single();
    }

    private static HttpRequestMessage Upload(string token, string file, string? compsig, bool updateTarget = false)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "sessionKey" },
            { new StringContent($"{{\"UpdateRepository\":true,\"UpdateTarget\":{(updateTarget ? "true" : "false")},\"UploadCurrentEtag\":\"t1\"}}", System.Text.Encoding.UTF8, "application/json"), "parameters" },
        };
        if (compsig is not null) content.Add(new ByteArrayContent([1, 2, 3]), "compsig", compsig);
        content.Add(new StreamContent(File.OpenRead(file)), "file", Path.GetFileName(file));
        var request = new HttpRequestMessage(HttpMethod.Post, "/cgi-bin/uploadFile") { Content = content };
        request.Headers.Add("X-Auth-Token", token);
        request.Headers.Add("Cookie", "sessionKey=" + token);
        return request;
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string token, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Auth-Token", token);
        using var response = await http.SendAsync(request);
        return await response.Json();
    }

    private static async Task<string> WaitForServiceStateAsync(HttpClient http, string token, params string[] states)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var state = (string)(await GetAsync(http, token, UpdateService))["Oem"]!["Hpe"]!["State"]!;
            if (states.Contains(state) || DateTime.UtcNow > deadline) return state;
            await Task.Delay(50);
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string token, string path, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = FakeBmcHttp.JsonBody(body) };
        request.Headers.Add("X-Auth-Token", token);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task A_smart_component_without_its_compsig_ends_in_error_and_with_it_lands_in_the_repository()
    {
        await using var bmc = await FakeBmcServer.StartAsync(Ilo());
        using var http = FakeBmcHttp.Client(bmc);
        using var folder = new TempDirectory();
        var component = folder.File("ilo6_156.fwpkg");
        PersonaImage.Write(component, "BMC", "1.56");
        var token = await LoginAsync(http, bmc);

        using var unsigned = await http.SendAsync(Upload(token, component, compsig: null));
        var afterUnsigned = await WaitForServiceStateAsync(http, token, "Complete", "Error");
        using var signed = await http.SendAsync(Upload(token, component, "ilo6_156.compsig"));
        using var whileBusy = await http.SendAsync(Upload(token, component, "ilo6_156.compsig"));
        var afterSigned = await WaitForServiceStateAsync(http, token, "Complete", "Error");
        var repository = await GetAsync(http, token, UpdateService + "/ComponentRepository");

        Assert.Equal(HttpStatusCode.OK, unsigned.StatusCode);
        Assert.Equal("Error", afterUnsigned);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, whileBusy.StatusCode);
        Assert.Equal("Complete", afterSigned);
        Assert.Single(repository["Members"]!.AsArray());
        Assert.True(bmc.State.Ilo.LastUploadHadSessionCookie);
        Assert.False(bmc.State.Ilo.LastUploadHadExpect);
        Assert.Equal("1.55", bmc.State.BmcVersion);
    }

    [Fact]
    public async Task A_queued_task_waits_for_its_maintenance_window_then_runs_and_a_failed_task_stalls_the_queue()
    {
        await using var bmc = await FakeBmcServer.StartAsync(Ilo());
        using var http = FakeBmcHttp.Client(bmc);
        using var folder = new TempDirectory();
        var component = folder.File("ilo6_156.bin");
        PersonaImage.Write(component, "BMC", "1.56");
        var token = await LoginAsync(http, bmc);
        using (await http.SendAsync(Upload(token, component, null))) { }
        Assert.Equal("Complete", await WaitForServiceStateAsync(http, token, "Complete", "Error"));

        var opens = DateTimeOffset.UtcNow.AddSeconds(2);
        using var window = await PostAsync(http, token, UpdateService + "/MaintenanceWindows", new JsonObject
        {
            ["Name"] = "tonight", ["StartAfter"] = opens.ToString("yyyy-MM-ddTHH:mm:ssZ"), ["Expire"] = opens.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        });
        var windowId = (string)(await window.Json())["Id"]!;
        using var task = await PostAsync(http, token, UpdateService + "/UpdateTaskQueue", new JsonObject
        {
            ["Name"] = "ilo 1.56", ["Command"] = "ApplyUpdate", ["Filename"] = "ilo6_156.bin", ["UpdatableBy"] = new JsonArray("Bmc"), ["MaintenanceWindow"] = windowId,
        });
        using var behind = await PostAsync(http, token, UpdateService + "/UpdateTaskQueue", new JsonObject
        {
            ["Name"] = "pause", ["Command"] = "Wait", ["UpdatableBy"] = new JsonArray("Bmc"), ["WaitTimeSeconds"] = 0,
        });
        var beforeWindow = bmc.State.Ilo.TaskState("ilo 1.56");
        var lockedDelete = new HttpRequestMessage(HttpMethod.Delete, UpdateService + "/ComponentRepository/" + bmc.State.Ilo.Components()[0].Id);
        lockedDelete.Headers.Add("X-Auth-Token", token);
        using var locked = await http.SendAsync(lockedDelete);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (bmc.State.Ilo.TaskState("pause") != "Complete" && DateTime.UtcNow < deadline)
        {
            await GetAsync(http, token, UpdateService + "/UpdateTaskQueue");
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        Assert.Equal("Pending", beforeWindow);
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Equal("Complete", bmc.State.Ilo.TaskState("ilo 1.56"));
        Assert.Equal("Complete", bmc.State.Ilo.TaskState("pause"));
        Assert.Equal("1.56", bmc.State.BmcVersion);
    }

    [Fact]
    public async Task An_exception_stalls_everything_behind_it_and_an_install_set_refills_the_queue()
    {
        await using var bmc = await FakeBmcServer.StartAsync(Ilo(new IloPersonaOptions { UploadStepDuration = TimeSpan.FromMilliseconds(100), ApplyDuration = TimeSpan.FromMilliseconds(100), TaskException = true }));
        using var http = FakeBmcHttp.Client(bmc);
        using var folder = new TempDirectory();
        var component = folder.File("U54_2.12.signed.flash");
        PersonaImage.Write(component, "BIOS", "U54 v2.12");
        var token = await LoginAsync(http, bmc);
        using (await http.SendAsync(Upload(token, component, null))) { }
        await WaitForServiceStateAsync(http, token, "Complete", "Error");
        using var set = await PostAsync(http, token, UpdateService + "/InstallSets", new JsonObject
        {
            ["Name"] = "baseline",
            ["Sequence"] = new JsonArray(
                new JsonObject { ["Name"] = "rom", ["Command"] = "ApplyUpdate", ["Filename"] = "U54_2.12.signed.flash", ["UpdatableBy"] = new JsonArray("Bmc") },
                new JsonObject { ["Name"] = "settle", ["Command"] = "Wait", ["UpdatableBy"] = new JsonArray("Bmc"), ["WaitTimeSeconds"] = 0 }),
        });
        var invoke = (string)(await set.Json())["Actions"]!["#HpeComponentInstallSet.Invoke"]!["target"]!;

        using var invoked = await PostAsync(http, token, invoke, new JsonObject { ["ClearTaskQueue"] = true });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (bmc.State.Ilo.TaskState("rom") != "Exception" && DateTime.UtcNow < deadline)
        {
            await GetAsync(http, token, UpdateService + "/UpdateTaskQueue");
            await Task.Delay(50);
        }
        await Task.Delay(300);
        await GetAsync(http, token, UpdateService + "/UpdateTaskQueue");

        Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
        Assert.Equal("Exception", bmc.State.Ilo.TaskState("rom"));
        Assert.Equal("Pending", bmc.State.Ilo.TaskState("settle"));
        Assert.Null(bmc.State.Host.PendingBiosVersion);
    }
}
