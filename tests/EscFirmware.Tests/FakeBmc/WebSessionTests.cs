using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.FakeBmc;

public sealed class WebSessionTests
{
    private sealed record WebLogin(string Cookie, string Csrf, JsonObject Body);

    private static async Task<WebLogin> Login(HttpClient http, FakeBmcServer bmc)
    {
        using var response = await http.PostAsync("/api/session", FakeBmcHttp.Form(bmc.Options.UserName, bmc.Options.Password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("QSESSIONID="));
        Assert.Contains("path=/", setCookie);
        Assert.Contains("secure", setCookie);
        Assert.Contains("httponly", setCookie);
        var body = await response.Json();
        return new WebLogin(setCookie.Split(';')[0], (string)body["CSRFToken"]!, body);
    }

    private static HttpRequestMessage Call(HttpMethod method, string path, string? cookie, string? csrf, string csrfHeader = "X-CSRFTOKEN")
    {
        var request = new HttpRequestMessage(method, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        if (csrf is not null)
        {
            request.Headers.Add(csrfHeader, csrf);
        }
        return request;
    }

    [Fact]
    public async Task FormLoginGivesCookieAndCsrfTokenAndLogoutEndsTheSession()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);

        var login = await Login(http, bmc);
        Assert.Equal(0, (int)login.Body["ok"]!);
        Assert.Equal(4, (int)login.Body["privilege"]!);
        Assert.Equal(1, (int)login.Body["HTTPSEnabled"]!);
        Assert.Matches("^[A-Za-z0-9]{8}$", login.Csrf);
        Assert.Equal(1, bmc.State.ActiveWebSessions);

        using var logout = await http.SendAsync(Call(HttpMethod.Delete, "/api/session", login.Cookie, login.Csrf));
        using var afterLogout = await http.SendAsync(Call(HttpMethod.Get, "/api/chassis-status", login.Cookie, login.Csrf));

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        Assert.Equal(0, bmc.State.ActiveWebSessions);
    }

    [Fact]
    public async Task JsonLoginAndWrongPasswordAreRefused()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);

        using var json = await http.PostAsync("/api/session",
            FakeBmcHttp.JsonBody(new JsonObject { ["username"] = bmc.Options.UserName, ["password"] = bmc.Options.Password }));
        using var wrong = await http.PostAsync("/api/session", FakeBmcHttp.Form(bmc.Options.UserName, "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.NotNull((await wrong.Json())["code"]);
        Assert.Equal(0, bmc.State.ActiveWebSessions);
    }

    [Fact]
    public async Task CsrfTokenIsEnforced()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);
        var login = await Login(http, bmc);

        using var missing = await http.SendAsync(Call(HttpMethod.Get, "/api/chassis-status", login.Cookie, csrf: null));
        using var wrong = await http.SendAsync(Call(HttpMethod.Get, "/api/chassis-status", login.Cookie, "AAAAAAAA"));
        using var misspelled = await http.SendAsync(Call(HttpMethod.Get, "/api/chassis-status", login.Cookie, login.Csrf, "X-CSRF-Token"));
        using var noCookie = await http.SendAsync(Call(HttpMethod.Get, "/api/chassis-status", cookie: null, login.Csrf));
        using var right = await http.SendAsync(Call(HttpMethod.Get, "/api/chassis-status", login.Cookie, login.Csrf));

        Assert.All([missing, wrong, misspelled, noCookie], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("Invalid Authentication", (string?)(await wrong.Json())["error"]);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task FullSessionTableRefusesWithCode15000()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { MaxWebSessions = 2 });
        using var http = FakeBmcHttp.Client(bmc);
        await Login(http, bmc);
        await Login(http, bmc);

        using var third = await http.PostAsync("/api/session", FakeBmcHttp.Form(bmc.Options.UserName, bmc.Options.Password));
        var body = await third.Json();

        Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);
        Assert.Equal(15000, (int)body["code"]!);
        Assert.Equal("Maximum number of sessions already in use", (string?)body["error"]);
        Assert.Equal(2, bmc.State.ActiveWebSessions);
    }

    [Theory]
    [InlineData(PowerState.On, 1)]
    [InlineData(PowerState.Off, 0)]
    public async Task ChassisStatusReportsHostPower(PowerState power, int expected)
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { PowerState = power });
        using var http = FakeBmcHttp.Client(bmc);
        var login = await Login(http, bmc);

        using var response = await http.SendAsync(Call(HttpMethod.Get, "/api/chassis-status", login.Cookie, login.Csrf));
        var body = await response.Json();

        Assert.Equal(expected, (int)body["power_status"]!);
        Assert.Equal(0, (int)body["led_status"]!);
        Assert.Equal(RequestAuth.WebSession, bmc.RequestLog.Entries[^1].Auth);
    }

    [Fact]
    public async Task UpdateModeBlocksNewLoginsAndRedfishButNotExistingSessions()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var http = FakeBmcHttp.Client(bmc);
        var survivor = await Login(http, bmc);

        bmc.State.UpdateModeId = 7;
        using var login = await http.PostAsync("/api/session", FakeBmcHttp.Form(bmc.Options.UserName, bmc.Options.Password));
        using var redfish = await http.GetBasicAsync(bmc, "/redfish/v1/Managers/BMC_0");
        using var existing = await http.SendAsync(Call(HttpMethod.Get, "/api/chassis-status", survivor.Cookie, survivor.Csrf));

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(1348, (int)(await login.Json())["code"]!);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, redfish.StatusCode);
        Assert.Equal(HttpStatusCode.OK, existing.StatusCode);
    }

    [Fact]
    public async Task EvictionFaultEndsTheFirstSessionOnASecondLogin()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { Faults = new FakeBmcFaults { SecondWebLoginEvictsFirst = true } });
        using var http = FakeBmcHttp.Client(bmc);
        var first = await Login(http, bmc);
        var second = await Login(http, bmc);

        using var firstCall = await http.SendAsync(Call(HttpMethod.Get, "/api/chassis-status", first.Cookie, first.Csrf));
        using var secondCall = await http.SendAsync(Call(HttpMethod.Get, "/api/chassis-status", second.Cookie, second.Csrf));

        Assert.Equal(HttpStatusCode.Unauthorized, firstCall.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondCall.StatusCode);
        Assert.Equal(1, bmc.State.ActiveWebSessions);
    }
}
