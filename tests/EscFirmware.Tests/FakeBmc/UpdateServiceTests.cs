using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.FakeBmc;

public sealed class UpdateServiceTests
{
    private const string UpdateService = "/redfish/v1/UpdateService";

    // Spec a.6: the keys an ESC8000-E12P returns.
    private static readonly string[] SpecPreserveKeys =
        ["Authentication", "EXTLOG", "FRU", "IPMI", "KVM", "NTP", "Network", "REDFISH", "SDR", "SEL", "SNMP", "SSH", "Syslog", "WEB"];

    private static HttpRequestMessage Patch(FakeBmcServer bmc, JsonObject preserve, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, UpdateService)
        {
            Content = FakeBmcHttp.JsonBody(new JsonObject { ["Oem"] = new JsonObject { ["AMIUpdateService"] = new JsonObject { ["PreserveConfiguration"] = preserve } } }),
        }.WithBasic(bmc.Options);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return request;
    }

    private static async Task<string> ETag(HttpClient http, FakeBmcServer bmc)
    {
        using var response = await http.GetBasicAsync(bmc, UpdateService);
        return response.Headers.ETag!.ToString();
    }

    [Fact]
    public async Task FlatShapeCarriesAmiBlockAllFourteenFlagsFalseAndDualImage()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { BmcVersion = "1.29.1", BackupBmcVersion = "1.28.0" });
        using var http = FakeBmcHttp.Client(bmc);

        using var response = await http.GetBasicAsync(bmc, UpdateService);
        var body = await response.Json();
        var ami = body["Oem"]!["AMIUpdateService"]!.AsObject();
        var dual = body["Oem"]!["BMC"]!["DualImageConfigurations"]!;

        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("/redfish/v1/UpdateService/upload", (string?)body["MultipartHttpPushUri"]);
        Assert.True((long)body["MaxImageSizeBytes"]! > 400_000_000);
        Assert.Equal("/redfish/v1/UpdateService/FirmwareInventory", (string?)body["FirmwareInventory"]?["@odata.id"]);
        Assert.Equal("#AMIUpdateService.v1_0_0.AMIUpdateService", (string?)ami["@odata.type"]);
        var flags = ami["PreserveConfiguration"]!.AsObject();
        Assert.Equal(SpecPreserveKeys.Order(), flags.Select(f => f.Key).Order());
        Assert.All(flags, f => Assert.False((bool)f.Value!));
        Assert.True(ami.ContainsKey("FlashPercentage") && ami["FlashPercentage"] is null);
        Assert.True(ami.ContainsKey("UpdateStatus") && ami["UpdateStatus"] is null);
        Assert.True(ami.ContainsKey("UpdateTarget") && ami["UpdateTarget"] is null);
        Assert.False(ami.ContainsKey("UpdateInformation"));
        Assert.Equal("Image1", (string?)dual["ActiveImage"]);
        Assert.Equal("1.29.1", (string?)dual["FirmwareImage1Version"]);
        Assert.Equal("1.28.0", (string?)dual["FirmwareImage2Version"]);
    }

    [Fact]
    public async Task NestedShapeMovesProgressUnderUpdateInformation()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { UpdateServiceShape = UpdateServiceShape.Nested });
        bmc.State.UpdateProgress = new UpdateProgress("Flashing", "88% done", "BMC");
        using var http = FakeBmcHttp.Client(bmc);

        var ami = (await (await http.GetBasicAsync(bmc, UpdateService)).Json())["Oem"]!["AMIUpdateService"]!.AsObject();

        Assert.False(ami.ContainsKey("FlashPercentage"));
        Assert.Equal("88% done", (string?)ami["UpdateInformation"]?["FlashPercentage"]);
        Assert.Equal("Flashing", (string?)ami["UpdateInformation"]?["UpdateStatus"]);
        Assert.Equal("BMC", (string?)ami["UpdateInformation"]?["UpdateTarget"]);
    }

    [Fact]
    public async Task PatchWithoutIfMatchIs428AndChangesNothing()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);
        var before = bmc.State.UpdateServiceETag;

        using var response = await http.SendAsync(Patch(bmc, new JsonObject { ["Network"] = true }, ifMatch: null));

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
        Assert.False(bmc.State.PreserveConfiguration["Network"]);
        Assert.Equal(before, bmc.State.UpdateServiceETag);
    }

    [Fact]
    public async Task PatchWithStaleETagIs412()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);
        var stale = await ETag(http, bmc);
        using var first = await http.SendAsync(Patch(bmc, new JsonObject { ["SEL"] = true }, stale));

        using var second = await http.SendAsync(Patch(bmc, new JsonObject { ["Network"] = true }, stale));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.False(bmc.State.PreserveConfiguration["Network"]);
    }

    [Fact]
    public async Task PatchWithUnknownKeyIs400PropertyUnknownAndChangesNothing()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);

        using var response = await http.SendAsync(Patch(bmc, new JsonObject { ["Network"] = true, ["CMX"] = true }, "*"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Base.1.12.PropertyUnknown", await response.RedfishMessageId());
        Assert.False(bmc.State.PreserveConfiguration["Network"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PatchSetsFlagsAndChangesTheETag(bool wildcard)
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);
        var before = await ETag(http, bmc);
        var all = new JsonObject(SpecPreserveKeys.Select(k => new System.Collections.Generic.KeyValuePair<string, JsonNode?>(k, true)));

        using var response = await http.SendAsync(Patch(bmc, all, wildcard ? "*" : before));
        var after = await ETag(http, bmc);
        var flags = (await (await http.GetBasicAsync(bmc, UpdateService)).Json())["Oem"]!["AMIUpdateService"]!["PreserveConfiguration"]!.AsObject();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.NotEqual(before, after);
        Assert.Equal(after, response.Headers.ETag?.ToString());
        Assert.Equal(14, flags.Count(f => (bool)f.Value!));
        Assert.Single(bmc.RequestLog.Mutating);
    }
}
