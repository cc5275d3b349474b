using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.FakeBmc;

public sealed class RedfishNavigationTests
{
    [Fact]
    public async Task ServiceRootAnswersWithoutAuthAndLinksTheServices()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { RedfishVersion = "1.15.1" });
        using var http = FakeBmcHttp.Client(bmc);

        using var response = await http.GetAsync("/redfish/v1");
        var root = await response.Json();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1.15.1", (string?)root["RedfishVersion"]);
        Assert.Equal("/redfish/v1/Systems", (string?)root["Systems"]?["@odata.id"]);
        Assert.Equal("/redfish/v1/Managers", (string?)root["Managers"]?["@odata.id"]);
        Assert.Equal("/redfish/v1/SessionService", (string?)root["SessionService"]?["@odata.id"]);
        Assert.Equal("/redfish/v1/UpdateService", (string?)root["UpdateService"]?["@odata.id"]);
        Assert.Equal(RequestAuth.None, bmc.RequestLog.Entries.Single().Auth);
    }

    [Fact]
    public async Task ManagerAndSystemAreFoundByFollowingTheCollections()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { BmcVersion = "1.29.1", BiosVersion = "0603", PowerState = PowerState.Off });
        using var http = FakeBmcHttp.Client(bmc);

        var managerId = (string?)(await (await http.GetBasicAsync(bmc, "/redfish/v1/Managers")).Json())["Members"]?[0]?["@odata.id"];
        var manager = await (await http.GetBasicAsync(bmc, managerId!)).Json();
        var systemId = (string?)(await (await http.GetBasicAsync(bmc, "/redfish/v1/Systems")).Json())["Members"]?[0]?["@odata.id"];
        var system = await (await http.GetBasicAsync(bmc, systemId!)).Json();

        Assert.Equal("/redfish/v1/Managers/BMC_0", managerId);
        Assert.Equal("1.29.1", (string?)manager["FirmwareVersion"]);
        Assert.Equal("ASMB12-iKVM", (string?)manager["Model"]);
        Assert.Equal("/redfish/v1/Managers/BMC_0/Actions/Manager.Reset", (string?)manager["Actions"]?["#Manager.Reset"]?["target"]);
        Assert.Equal("/redfish/v1/Systems/System_0", systemId);
        Assert.Equal("0603", (string?)system["BiosVersion"]);
        Assert.Equal("Off", (string?)system["PowerState"]);
        Assert.Equal("ESC8000-E12P", (string?)system["Model"]);
        Assert.Equal("/redfish/v1/Systems/System_0/Actions/ComputerSystem.Reset",
            (string?)system["Actions"]?["#ComputerSystem.Reset"]?["target"]);
        var resetInfo = await (await http.GetBasicAsync(bmc, (string)system["Actions"]!["#ComputerSystem.Reset"]!["@Redfish.ActionInfo"]!)).Json();
        Assert.Equal(["ForceOff", "ForceRestart", "GracefulShutdown", "On", "PowerCycle"],
            resetInfo["Parameters"]![0]!["AllowableValues"]!.AsArray().Select(v => (string)v!));
    }

    [Theory]
    [InlineData("/redfish/v1/Managers/Self")]
    [InlineData("/redfish/v1/Systems/Self")]
    public async Task SelfDoesNotExistAndTheAskIsRecorded(string path)
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);

        using var response = await http.GetBasicAsync(bmc, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Base.1.12.ResourceMissingAtURI", await response.RedfishMessageId());
        Assert.Contains(path, bmc.RequestLog.Paths);
    }

    [Fact]
    public async Task ResourcesNeedAuthAndBasicAuthWorks()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);

        using var anonymous = await http.GetAsync("/redfish/v1/Managers/BMC_0");
        using var wrongPassword = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/redfish/v1/Managers/BMC_0")
        {
            Headers = { Authorization = FakeBmcHttp.Basic(bmc.Options.UserName, "not-the-password") },
        });
        using var basic = await http.GetBasicAsync(bmc, "/redfish/v1/Managers/BMC_0");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Base.1.12.NoValidSession", await anonymous.RedfishMessageId());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Equal([RequestAuth.None, RequestAuth.None, RequestAuth.Basic], bmc.RequestLog.Entries.Select(e => e.Auth));
    }

    [Fact]
    public async Task FirmwareInventoryListsBothBmcSlotsAndTheBios()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { BmcVersion = "1.29.1", BackupBmcVersion = "1.20.0", BiosVersion = "0603" });
        using var http = FakeBmcHttp.Client(bmc);

        var collection = await (await http.GetBasicAsync(bmc, "/redfish/v1/UpdateService/FirmwareInventory")).Json();
        var members = collection["Members"]!.AsArray().Select(m => (string)m!["@odata.id"]!).ToArray();
        var versions = await Task.WhenAll(members.Select(async m => await (await http.GetBasicAsync(bmc, m)).Json()));

        Assert.Equal(["BMCImage1", "BMCImage2", "BIOS"], versions.Select(v => (string)v["Id"]!));
        Assert.Equal(["1.29.1", "1.20.0", "0603"], versions.Select(v => (string)v["Version"]!));
        Assert.All(versions, v => Assert.True((bool)v["Updateable"]!));
    }

    [Fact]
    public async Task UnknownPathsAre404()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);

        using var redfish = await http.GetBasicAsync(bmc, "/redfish/v1/Chassis/Nope");
        using var other = await http.GetAsync("/nothing-here.html");

        Assert.Equal(HttpStatusCode.NotFound, redfish.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task EachBmcHasItsOwnCertificateForLoopback()
    {
        await using var first = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        await using var second = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var trustsFirstOnly = FakeBmcHttp.Client(second.BaseUri, first.CertificateSha256);

        Assert.NotEqual(first.CertificateSha256, second.CertificateSha256);
        Assert.Matches("^[0-9A-F]{64}$", first.CertificateSha256);
        Assert.Contains("127.0.0.1", first.Certificate.Subject);
        await Assert.ThrowsAsync<HttpRequestException>(() => trustsFirstOnly.GetAsync("/redfish/v1"));
        Assert.Equal($"127.0.0.1:{first.Port}", first.Address);
    }

    [Theory]
    [InlineData("ForceOff", PowerState.On, PowerState.Off)]
    [InlineData("On", PowerState.Off, PowerState.On)]
    public async Task ComputerSystemResetSwitchesHostPower(string resetType, PowerState from, PowerState to)
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { PowerState = from });
        using var http = FakeBmcHttp.Client(bmc);

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/redfish/v1/Systems/System_0/Actions/ComputerSystem.Reset")
        {
            Content = FakeBmcHttp.JsonBody(new System.Text.Json.Nodes.JsonObject { ["ResetType"] = resetType }),
        }.WithBasic(bmc.Options));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(to, bmc.State.PowerState);
        Assert.Single(bmc.RequestLog.Mutating);
    }
}
