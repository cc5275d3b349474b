using System;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.FakeBmc;

public sealed class RebootTests
{
    [Fact]
    public async Task RebootRefusesConnectionsThenComesBackOnTheSamePortWithoutSessions()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);
        using var login = await http.PostAsync("/redfish/v1/SessionService/Sessions",
            FakeBmcHttp.JsonBody(new JsonObject { ["UserName"] = bmc.Options.UserName, ["Password"] = bmc.Options.Password }));
        var port = bmc.Port;

        bmc.State.Reboot(TimeSpan.FromSeconds(1));
        var whileDown = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/redfish/v1"));
        await bmc.WhenUpAsync().WaitAsync(TimeSpan.FromSeconds(10));
        using var afterwards = await http.GetAsync("/redfish/v1");

        Assert.NotNull(whileDown);
        Assert.False(bmc.State.IsDown);
        Assert.Equal(port, bmc.Port);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
    }

    [Fact]
    public async Task ManagerResetAnswersThenTakesTheBmcDown()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { Timings = new FakeBmcTimings { BmcRebootDuration = TimeSpan.FromSeconds(1) } });
        using var http = FakeBmcHttp.Client(bmc);

        using var graceful = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/redfish/v1/Managers/BMC_0/Actions/Manager.Reset")
        {
            Content = FakeBmcHttp.JsonBody(new JsonObject { ["ResetType"] = "GracefulRestart" }),
        }.WithBasic(bmc.Options));
        Assert.Equal(HttpStatusCode.BadRequest, graceful.StatusCode);
        Assert.False(bmc.State.IsDown);

        using var reset = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/redfish/v1/Managers/BMC_0/Actions/Manager.Reset")
        {
            Content = FakeBmcHttp.JsonBody(new JsonObject { ["ResetType"] = "ForceRestart" }),
        }.WithBasic(bmc.Options));
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        await WaitUntil(() => bmc.State.IsDown);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/redfish/v1"));
        await bmc.WhenUpAsync().WaitAsync(TimeSpan.FromSeconds(10));
        using var back = await http.GetAsync("/redfish/v1");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task PowerDrainAlsoEndsUpdateMode()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        bmc.State.UpdateModeId = 3;

        bmc.State.PowerDrain(TimeSpan.FromMilliseconds(200));
        await bmc.WhenUpAsync().WaitAsync(TimeSpan.FromSeconds(10));
        using var http = FakeBmcHttp.Client(bmc);
        using var redfish = await http.GetBasicAsync(bmc, "/redfish/v1/Managers/BMC_0");

        Assert.Null(bmc.State.UpdateModeId);
        Assert.Equal(HttpStatusCode.OK, redfish.StatusCode);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }
        Assert.True(condition());
    }
}
