using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.FakeBmc;
using RedfishSession = EscFirmware.Core.Sessions.RedfishSession;
using EscFirmware.Tests.Support;
using RestSharp;
using Xunit;

namespace EscFirmware.Tests.Foundation;

public sealed class SessionLayerTests
{
    [Fact]
    public async Task Web_session_sends_cookie_and_csrf_header_and_logs_out()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { PowerState = PowerState.Off });
        using var connection = FakeTargets.Connect(server);

        var session = await AmiWebSession.LoginAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None);
        Assert.Equal(1, server.State.ActiveWebSessions);
        var status = await session.GetJsonAsync("/api/chassis-status", CancellationToken.None);
        await session.LogoutAsync();

        Assert.Equal(0, status.GetProperty("power_status").GetInt32());
        Assert.Equal(0, server.State.ActiveWebSessions);
        Assert.Contains(server.RequestLog.Entries, e => e.Method == "DELETE" && e.Path == "/api/session");
    }

    [Fact]
    public async Task A_full_session_table_is_reported_with_code_15000()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { MaxWebSessions = 1 });
        using var connection = FakeTargets.Connect(server);
        var first = await AmiWebSession.LoginAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None);

        var error = await Assert.ThrowsAsync<AmiWebException>(() => AmiWebSession.LoginAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None));

        Assert.Equal(15000, error.Code);
        Assert.Equal("EscBmcSessionLimitReached", error.ErrorId);
        Assert.Equal(ErrorKind.ResourceUnavailable, error.Kind);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Web_login_in_update_mode_is_reported_with_code_1348()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        server.State.UpdateModeId = 7;
        using var connection = FakeTargets.Connect(server);

        var error = await Assert.ThrowsAsync<AmiWebException>(() => AmiWebSession.LoginAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None));

        Assert.Equal(1348, error.Code);
        Assert.Equal("EscBmcUpdateModeLocked", error.ErrorId);
        Assert.Contains("Exit-EscUpdateMode", error.RecommendedAction);
    }

    [Fact]
    public async Task Redfish_errors_carry_their_message_ids()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var connection = FakeTargets.Connect(server);
        var session = await RedfishSession.OpenAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None);
        var patch = new RestRequest("/redfish/v1/UpdateService", Method.Patch)
            .AddHeader("If-Match", "*")
            .AddStringBody("{\"Oem\":{\"AMIUpdateService\":{\"PreserveConfiguration\":{\"NoSuchKey\":true}}}}", ContentType.Json);

        var error = await Assert.ThrowsAsync<RedfishException>(() => session.SendAsync(patch, "PATCH UpdateService", CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains(error.MessageIds, id => id.Contains("PropertyUnknown"));
        Assert.Contains(server.Address, error.Message);
    }

    [Fact]
    public async Task Reads_ride_out_a_reboot_window_within_their_deadline()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var connection = FakeTargets.Connect(server);
        var session = await RedfishSession.OpenAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None);
        server.State.Reboot(TimeSpan.FromMilliseconds(400));

        // Refused connections are retried until the BMC answers; it answers 401 because a reboot ends every session,
        // so the session logs in once more and the read goes on.
        var managers = await session.GetAsync("/redfish/v1/Managers", CancellationToken.None);

        Assert.NotEmpty(managers.Members());
        Assert.Equal(1, session.Renewals);
        Assert.Contains(server.RequestLog.Entries, e => e.Path == "/redfish/v1/Managers" && e.StatusCode == 401);
    }

    [Fact]
    public async Task Reads_retry_503_until_the_bmc_answers_but_writes_are_sent_once()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var connection = FakeTargets.Connect(server);
        var session = await RedfishSession.OpenAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None);
        server.State.UpdateModeId = 9;
        var release = Task.Delay(300).ContinueWith(_ => server.State.UpdateModeId = null);

        var root = await session.GetAsync("/redfish/v1/Systems", CancellationToken.None);
        await release;
        Assert.NotEmpty(root.Members());
        Assert.True(server.RequestLog.Entries.Count(e => e.Path == "/redfish/v1/Systems" && e.StatusCode == 503) >= 1);

        server.State.UpdateModeId = 9;
        server.RequestLog.Clear();
        var reset = new RestRequest("/redfish/v1/Systems/System_0/Actions/ComputerSystem.Reset", Method.Post).AddJsonBody(new { ResetType = "On" });
        var error = await Assert.ThrowsAsync<RedfishException>(() => session.SendAsync(reset, "power on", CancellationToken.None));
        Assert.Equal("EscBmcUnavailable", error.ErrorId);
        Assert.Single(server.RequestLog.Entries, e => e.Method == "POST");
        server.State.UpdateModeId = null;
    }

    [Fact]
    public async Task A_read_that_never_succeeds_stops_at_its_deadline()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var settings = FakeTargets.FastSettings();
        settings.ReadDeadline = TimeSpan.FromMilliseconds(800);
        settings.ReadRetryAttempts = 100;
        using var connection = new BmcConnection(FakeTargets.TargetOf(server), TlsPolicy.Pin(server.CertificateSha256), settings);
        var session = await RedfishSession.OpenAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None);
        server.State.UpdateModeId = 3;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<EscFirmwareException>(() => session.GetAsync("/redfish/v1/Managers", CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the read deadline was not honoured");
        Assert.Contains(error.ErrorId, new[] { "EscBmcRequestTimeout", "EscBmcUnavailable" });
        server.State.UpdateModeId = null;
    }
}
