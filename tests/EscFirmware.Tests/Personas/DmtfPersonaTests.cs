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

/// <summary>The generic DMTF persona speaks the protocol shapes of spec redfish-update, as a client meets them.</summary>
public sealed class DmtfPersonaTests
{
    private static FakeBmcOptions Dmtf(DmtfPersonaOptions dmtf) => FakeBmcOptions.ForPersona(FakePersona.GenericDmtf) with
    {
        Dmtf = dmtf,
        Timings = new FakeBmcTimings { FlashStepDuration = TimeSpan.FromMilliseconds(300), BmcRebootDuration = TimeSpan.FromMilliseconds(500) },
    };

    private static HttpRequestMessage Login(FakeBmcServer bmc) => new(HttpMethod.Post, "/redfish/v1/SessionService/Sessions")
    {
        Content = FakeBmcHttp.JsonBody(new JsonObject { ["UserName"] = bmc.Options.UserName, ["Password"] = bmc.Options.Password }),
    };

    [Theory]
    [InlineData(DmtfSessionLogin.Standard, 201, true)]
    [InlineData(DmtfSessionLogin.NoContent, 204, true)]
    public async Task Session_login_answers_in_the_configured_shape(DmtfSessionLogin shape, int status, bool location)
    {
        await using var bmc = await FakeBmcServer.StartAsync(Dmtf(new DmtfPersonaOptions { SessionLogin = shape }));
        using var http = FakeBmcHttp.Client(bmc);

        using var response = await http.SendAsync(Login(bmc));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.True(response.Headers.Contains("X-Auth-Token"));
        Assert.Equal(location, response.Headers.Location is not null);
        Assert.Equal(1, bmc.State.ActiveRedfishSessions);
    }

    [Fact]
    public async Task A_session_post_that_needs_basic_refuses_body_credentials_and_says_basic()
    {
        await using var bmc = await FakeBmcServer.StartAsync(Dmtf(new DmtfPersonaOptions { SessionLogin = DmtfSessionLogin.BasicOnSessionPost }));
        using var http = FakeBmcHttp.Client(bmc);

        using var bodyOnly = await http.SendAsync(Login(bmc));
        using var withBasic = await http.SendAsync(Login(bmc).WithBasic(bmc.Options));

        Assert.Equal(HttpStatusCode.Unauthorized, bodyOnly.StatusCode);
        Assert.Equal("Basic", bodyOnly.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, withBasic.StatusCode);
        Assert.True(withBasic.Headers.Contains("X-Auth-Token"));
        Assert.Null(withBasic.Headers.Location);
    }

    [Fact]
    public async Task Without_a_session_service_only_basic_works_and_the_root_does_not_link_one()
    {
        await using var bmc = await FakeBmcServer.StartAsync(Dmtf(new DmtfPersonaOptions { SessionLogin = DmtfSessionLogin.Absent, AnonymousServiceRootStatus = 401 }));
        using var http = FakeBmcHttp.Client(bmc);

        using var login = await http.SendAsync(Login(bmc));
        using var anonymousRoot = await http.GetAsync("/redfish/v1");
        using var root = await http.GetBasicAsync(bmc, "/redfish/v1");
        using var manager = await http.GetBasicAsync(bmc, "/redfish/v1/Managers/bmc");

        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRoot.StatusCode);
        Assert.False((await root.Json()).ContainsKey("SessionService"));
        Assert.Equal("2.14.0", (string?)(await manager.Json())["FirmwareVersion"]);
    }

    [Fact]
    public async Task The_inventory_lists_members_by_link_with_a_wrong_count_and_an_unlisted_orphan()
    {
        await using var bmc = await FakeBmcServer.StartAsync(Dmtf(new DmtfPersonaOptions()));
        using var http = FakeBmcHttp.Client(bmc);

        var collection = await (await http.GetBasicAsync(bmc, "/redfish/v1/UpdateService/FirmwareInventory")).Json();
        var members = collection["Members"]!.AsArray().Select(m => (string)m!["@odata.id"]!).ToList();
        using var orphan = await http.GetBasicAsync(bmc, "/redfish/v1/UpdateService/FirmwareInventory/orphan_cpld");

        Assert.Equal(3, members.Count);
        Assert.Equal(2, (int)collection["Members@odata.count"]!);
        Assert.DoesNotContain(members, m => m.EndsWith("orphan_cpld", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, orphan.StatusCode);
    }

    [Fact]
    public async Task A_task_monitor_answers_202_while_running_204_once_then_404_and_the_bmc_reboots_into_the_image()
    {
        await using var bmc = await FakeBmcServer.StartAsync(Dmtf(new DmtfPersonaOptions()));
        using var http = FakeBmcHttp.Client(bmc);
        using var folder = new TempDirectory();
        var image = Path.Combine(folder.Path, "bmc.bin");
        PersonaImage.Write(image, "BMC", "2.15.0");

        using var push = await http.SendAsync(MultipartPush(bmc, image, "/redfish/v1/UpdateService/FirmwareInventory/bmc_active", "Immediate"));
        var monitor = push.Headers.Location!.ToString();
        using var running = await http.GetBasicAsync(bmc, monitor);
        var statuses = new System.Collections.Generic.List<HttpStatusCode>();
        for (var i = 0; i < 100 && !statuses.Contains(HttpStatusCode.NotFound); i++)
        {
            await Task.Delay(50);
            try
            {
                using var poll = await http.GetBasicAsync(bmc, monitor);
                if (poll.StatusCode != HttpStatusCode.Accepted) statuses.Add(poll.StatusCode);
            }
            catch (HttpRequestException)
            {
                // The BMC reboots into the new image right after the task ends.
            }
        }
        await bmc.WhenUpAsync();

        Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        Assert.Contains("/TaskMonitors/", monitor);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NotFound], statuses);
        Assert.Equal("2.15.0", bmc.State.BmcVersion);
    }

    [Fact]
    public async Task Pushes_are_bounded_need_a_length_know_only_two_parameters_and_wait_for_a_running_update()
    {
        await using var bmc = await FakeBmcServer.StartAsync(Dmtf(new DmtfPersonaOptions { MaxImageSizeBytes = 100_000 }));
        using var http = FakeBmcHttp.Client(bmc);
        using var folder = new TempDirectory();
        var big = Path.Combine(folder.Path, "big.bin");
        var small = Path.Combine(folder.Path, "small.bin");
        PersonaImage.Write(big, "BIOS", "1.9.0", 300_000);
        PersonaImage.Write(small, "BIOS", "1.9.0");

        using var tooLarge = await http.SendAsync(MultipartPush(bmc, big, null, "OnReset"));
        var chunked = MultipartPush(bmc, small, null, "OnReset");
        chunked.Headers.TransferEncodingChunked = true;
        using var noLength = await http.SendAsync(chunked);
        var extra = MultipartPush(bmc, small, null, "OnReset", extraKey: "ForceUpdate");
        using var unknownKey = await http.SendAsync(extra);
        using var accepted = await http.SendAsync(MultipartPush(bmc, small, null, "OnReset"));
        using var second = await http.SendAsync(MultipartPush(bmc, small, null, "OnReset"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.LengthRequired, noLength.StatusCode);
        Assert.Equal("Base.1.16.PropertyUnknown", await unknownKey.RedfishMessageId());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
    }

    internal static HttpRequestMessage MultipartPush(FakeBmcServer bmc, string image, string? target, string applyTime, string? extraKey = null)
    {
        var parameters = new JsonObject { ["@Redfish.OperationApplyTime"] = applyTime };
        if (target is not null) parameters["Targets"] = new JsonArray(target);
        if (extraKey is not null) parameters[extraKey] = true;
        var file = new StreamContent(File.OpenRead(image));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var content = new MultipartFormDataContent
        {
            { new StringContent(parameters.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), "UpdateParameters" },
            { file, "UpdateFile", Path.GetFileName(image) },
        };
        return new HttpRequestMessage(HttpMethod.Post, "/redfish/v1/UpdateService/update-multipart") { Content = content }.WithBasic(bmc.Options);
    }
}
