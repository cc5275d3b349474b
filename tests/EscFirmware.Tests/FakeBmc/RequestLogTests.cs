using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.FakeBmc;

public sealed class RequestLogTests
{
    [Fact]
    public async Task LogHoldsNoSecretsAndLoginsAreNotMutations()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { Password = "Pa55-unique-secret" });
        using var http = FakeBmcHttp.Client(bmc);
        using var redfish = await http.PostAsync("/redfish/v1/SessionService/Sessions",
            FakeBmcHttp.JsonBody(new JsonObject { ["UserName"] = "admin", ["Password"] = bmc.Options.Password }));
        var token = redfish.Headers.GetValues("X-Auth-Token").Single();
        using var web = await http.PostAsync("/api/session", FakeBmcHttp.Form("admin", bmc.Options.Password));
        var cookie = web.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var csrf = (string)(await web.Json())["CSRFToken"]!;
        using var logout = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/session")
        {
            Headers = { { "Cookie", cookie }, { "X-CSRFTOKEN", csrf } },
        });
        using var queried = await http.GetAsync($"/api/chassis-status?password={bmc.Options.Password}&csrf={csrf}");
        using var delete = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, redfish.Headers.Location!.OriginalString)
        {
            Headers = { { "X-Auth-Token", token } },
        });

        var text = string.Join("\n", bmc.RequestLog.Entries.Select(e => e.ToString()));
        Assert.Equal(5, bmc.RequestLog.Entries.Count);
        Assert.DoesNotContain(bmc.Options.Password, text);
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain(cookie.Split('=')[1], text);
        Assert.DoesNotContain(csrf, text);
        Assert.Empty(bmc.RequestLog.Mutating);
    }
}
