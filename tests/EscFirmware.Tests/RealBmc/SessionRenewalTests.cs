using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Updates;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.BiosUpdate;
using EscFirmware.Tests.Support;
using Xunit;
using RedfishSession = EscFirmware.Core.Sessions.RedfishSession;

namespace EscFirmware.Tests.RealBmc;

/// <summary>A BMC ends sessions on its own (short token lifetimes, reboots): a read answered 401 logs in once more
/// and goes on; a refusal after a session had worked is reported as a lost session, never as wrong credentials.</summary>
public sealed class SessionRenewalTests
{
    private static async Task<FakeBmcServer> StartAsync(TimeSpan tokenLifetime) =>
        await FakeBmcServer.StartAsync(new FakeBmcOptions { Faults = new FakeBmcFaults { RedfishTokenLifetime = tokenLifetime } });

    [Fact]
    public async Task A_read_after_the_token_died_logs_in_again_and_reads()
    {
        await using var bmc = await StartAsync(TimeSpan.FromMilliseconds(300));
        using var connection = FakeTargets.Connect(bmc);
        var session = await RedfishSession.OpenAsync(connection, FakeTargets.CredentialOf(bmc), CancellationToken.None);
        await Task.Delay(400);

        var manager = await session.GetAsync("/redfish/v1/Managers/BMC_0", CancellationToken.None);
        await session.CloseAsync();

        Assert.Equal(bmc.State.BmcVersion, manager.GetString("FirmwareVersion"));
        Assert.Equal(1, session.Renewals);
        Assert.Equal(new[] { 401, 200 }, bmc.RequestLog.Entries.Where(e => e.Path == "/redfish/v1/Managers/BMC_0").Select(e => e.StatusCode));
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
    }

    [Fact]
    public async Task A_refused_login_after_the_session_worked_is_a_lost_session_not_wrong_credentials()
    {
        await using var bmc = await StartAsync(TimeSpan.FromMilliseconds(300));
        using var connection = FakeTargets.Connect(bmc);
        var session = await RedfishSession.OpenAsync(connection, FakeTargets.CredentialOf(bmc), CancellationToken.None);
        bmc.State.RedfishUpdate.ChangePassword("changed-by-someone");
        await Task.Delay(400);

        var error = await Assert.ThrowsAsync<RedfishException>(() => session.GetAsync("/redfish/v1/Managers/BMC_0", CancellationToken.None));

        Assert.Equal("EscBmcSessionLost", error.ErrorId);
        Assert.Contains("the same credentials opened it earlier", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("user name and password", error.Message + error.RecommendedAction, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(ErrorKind.AuthenticationError, error.Kind);
    }

    private static Task<FakeBmcServer> StartWithIdleWebSessionsEndingAsync() =>
        FakeBmcServer.StartAsync(new FakeBmcOptions { Timings = new FakeBmcTimings { WebSessionIdleTimeout = TimeSpan.FromMilliseconds(300) } });

    [Fact]
    public async Task A_web_read_after_the_bmc_ended_the_idle_web_session_logs_in_again_and_reads()
    {
        await using var bmc = await StartWithIdleWebSessionsEndingAsync();
        using var connection = FakeTargets.Connect(bmc);
        var session = await AmiWebSession.LoginAsync(connection, FakeTargets.CredentialOf(bmc), CancellationToken.None);
        await Task.Delay(400);

        var status = await session.GetJsonAsync("/api/chassis-status", CancellationToken.None);
        await session.LogoutAsync();

        Assert.True(status.TryGetProperty("power_status", out _));
        Assert.Equal(1, session.Renewals);
        Assert.Equal(new[] { 401, 200 }, bmc.RequestLog.Entries.Where(e => e.Path == "/api/chassis-status").Select(e => e.StatusCode));
        Assert.Equal(0, bmc.State.ActiveWebSessions);
    }

    [Fact]
    public async Task A_refused_web_login_after_the_web_session_worked_is_a_lost_session_not_wrong_credentials()
    {
        await using var bmc = await StartWithIdleWebSessionsEndingAsync();
        using var connection = FakeTargets.Connect(bmc);
        var session = await AmiWebSession.LoginAsync(connection, FakeTargets.CredentialOf(bmc), CancellationToken.None);
        bmc.State.RedfishUpdate.ChangePassword("changed-by-someone");
        await Task.Delay(400);

        var error = await Assert.ThrowsAsync<AmiWebException>(() => session.GetJsonAsync("/api/chassis-status", CancellationToken.None));

        Assert.Equal("EscWebSessionLost", error.ErrorId);
        Assert.Contains("the same credentials opened it earlier", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("user name and password", error.Message + error.RecommendedAction, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(ErrorKind.AuthenticationError, error.Kind);
    }

    [Fact]
    public async Task A_bios_update_whose_web_session_expired_while_the_host_shut_down_logs_in_again_and_flashes()
    {
        await using var f = await BiosUpdateFixture.StartAsync(new FakeBmcOptions
        {
            PowerState = PowerState.On,
            Timings = BiosUpdateFixture.FastTimings with { WebSessionIdleTimeout = TimeSpan.FromSeconds(1), GracefulShutdownDuration = TimeSpan.FromSeconds(2) },
        });

        var (result, _) = f.Run(f.Options(shutdownHost: true));

        Assert.True(result.Status == UpdateStatus.Succeeded, result.ErrorId + " " + result.Message);
        Assert.Equal(1, f.Bmc.State.HpmWizard.FlashCount);
        // The primary web session really expired during the shutdown: its power read answered 401 and a web login followed.
        Assert.Contains(f.Bmc.RequestLog.Entries, e => e.Path == "/api/chassis-status" && e.StatusCode == 401);
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task Both_web_sessions_ended_in_update_mode_are_reported_lost_never_as_wrong_credentials()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off, new FakeBmcFaults { HpmDropAllSessionsAfter = "flash" });

        var (result, _) = f.Run(f.Options());

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscWebSessionLost", result.ErrorId);
        Assert.Contains("ended both web sessions of this update", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("user name and password", result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual("EscBmcAuthenticationFailed", result.ErrorId);
        Assert.Equal(1, f.Bmc.State.HpmWizard.FlashCount); // never sent again
        Assert.Empty(f.Bmc.State.HpmWizard.Violations);
    }
}
