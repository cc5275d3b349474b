using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.FakeBmc;

public sealed class RedfishSessionTests
{
    private const string Sessions = "/redfish/v1/SessionService/Sessions";

    private static Task<HttpResponseMessage> Login(HttpClient http, string user, string password) =>
        http.PostAsync(Sessions, FakeBmcHttp.JsonBody(new JsonObject { ["UserName"] = user, ["Password"] = password }));

    private static HttpRequestMessage WithToken(HttpMethod method, string path, string token) =>
        new(method, path) { Headers = { { "X-Auth-Token", token } } };

    [Fact]
    public async Task SessionIsCreatedUsedAndDeleted()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);

        using var created = await Login(http, bmc.Options.UserName, bmc.Options.Password);
        var token = string.Join("", created.Headers.GetValues("X-Auth-Token"));
        var location = created.Headers.Location!.OriginalString;
        var body = await created.Json();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith(Sessions + "/", location);
        Assert.Equal(location, (string?)body["@odata.id"]);
        Assert.Equal(1, bmc.State.ActiveRedfishSessions);

        using var withToken = await http.SendAsync(WithToken(HttpMethod.Get, "/redfish/v1/Managers/BMC_0", token));
        using var deleted = await http.SendAsync(WithToken(HttpMethod.Delete, location, token));
        using var afterDelete = await http.SendAsync(WithToken(HttpMethod.Get, "/redfish/v1/Managers/BMC_0", token));

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterDelete.StatusCode);
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
        Assert.Contains(bmc.RequestLog.Entries, e => e.Method == "GET" && e.Auth == RequestAuth.Token);
    }

    [Fact]
    public async Task WrongPasswordGets401WithNoValidSessionAndNoSession()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);

        using var response = await Login(http, bmc.Options.UserName, "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Auth-Token"));
        Assert.Equal("Base.1.12.NoValidSession", await response.RedfishMessageId());
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
    }

    [Fact]
    public async Task ATokenClosesOnlyItsOwnSessionAndUnknownSessionsAre404()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);
        using var first = await Login(http, bmc.Options.UserName, bmc.Options.Password);
        using var second = await Login(http, bmc.Options.UserName, bmc.Options.Password);
        var secondToken = string.Join("", second.Headers.GetValues("X-Auth-Token"));

        using var foreign = await http.SendAsync(WithToken(HttpMethod.Delete, first.Headers.Location!.OriginalString, secondToken));
        using var unknown = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Sessions + "/999").WithBasic(bmc.Options));
        using var byBasic = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, first.Headers.Location!.OriginalString).WithBasic(bmc.Options));
        var collection = await (await http.GetBasicAsync(bmc, Sessions)).Json();

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byBasic.StatusCode);
        Assert.Equal(1, bmc.State.ActiveRedfishSessions);
        Assert.Equal(second.Headers.Location!.OriginalString, (string?)collection["Members"]?[0]?["@odata.id"]);
    }
}
