using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;
using RedfishSession = EscFirmware.Core.Sessions.RedfishSession;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.RealBmc;

/// <summary>
/// A booting or busy BMC answers a login with 503 (+ Retry-After) or refuses the connection: the login was not
/// processed and is sent again within the login deadline; a 401 is never sent again.
/// </summary>
public sealed class LoginRetryTests
{
    private static BmcConnection Connect(FakeBmcServer bmc, Action<BmcConnectionSettings>? configure = null)
    {
        var settings = FakeTargets.FastSettings();
        configure?.Invoke(settings);
        return new BmcConnection(FakeTargets.TargetOf(bmc), TlsPolicy.Pin(bmc.CertificateSha256), settings);
    }

    [Fact]
    public async Task A_redfish_login_answered_503_with_retry_after_is_sent_again_after_the_wait()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { Faults = new FakeBmcFaults { RedfishUnavailableFirstRequests = 2, RedfishUnavailableRetryAfterSeconds = 1 } });
        using var connection = Connect(bmc, s => s.RetryMaxDelay = TimeSpan.FromSeconds(15)); // the test settings' cap would hide Retry-After
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var session = await RedfishSession.OpenAsync(connection, FakeTargets.CredentialOf(bmc), CancellationToken.None);
        await session.CloseAsync();

        var logins = bmc.RequestLog.Entries.Where(e => e.Method == "POST" && e.Path.EndsWith("/Sessions")).Select(e => e.StatusCode).ToArray();
        Assert.Equal(new[] { 503, 503, 201 }, logins);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.8), "Retry-After: 1 was not honoured: " + clock.Elapsed);
    }

    [Fact]
    public async Task A_login_that_stays_unavailable_fails_at_the_login_deadline_as_unavailable()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { Faults = new FakeBmcFaults { RedfishUnavailableFirstRequests = 1000, RedfishUnavailableRetryAfterSeconds = 1 } });
        using var connection = Connect(bmc, s => { s.LoginDeadline = TimeSpan.FromSeconds(4); s.LoginRetryAttempts = 100; s.RetryMaxDelay = TimeSpan.FromSeconds(15); });

        var error = await Assert.ThrowsAnyAsync<EscFirmwareException>(() => RedfishSession.OpenAsync(connection, FakeTargets.CredentialOf(bmc), CancellationToken.None));

        Assert.Equal("EscBmcUnavailable", error.ErrorId);
        // Sent again after each Retry-After (1 s) until the 4 s deadline: a few attempts, never a tight loop.
        Assert.InRange(bmc.RequestLog.Entries.Count(e => e.Path.EndsWith("/Sessions")), 2, 5);
    }

    [Fact]
    public async Task Wrong_credentials_are_asked_once()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var connection = Connect(bmc);

        var error = await Assert.ThrowsAnyAsync<EscFirmwareException>(() =>
            RedfishSession.OpenAsync(connection, BmcCredential.FromPlainText(bmc.Options.UserName, "wrong"), CancellationToken.None));

        Assert.Equal("EscBmcAuthenticationFailed", error.ErrorId);
        Assert.Single(bmc.RequestLog.Entries);
    }

    [Fact]
    public async Task A_web_login_to_a_rebooting_bmc_is_sent_again_once_it_accepts_connections()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var connection = Connect(bmc, s => s.LoginRetryAttempts = 50);
        bmc.State.Reboot(TimeSpan.FromMilliseconds(1500));

        var session = await AmiWebSession.LoginAsync(connection, FakeTargets.CredentialOf(bmc), CancellationToken.None);
        await session.LogoutAsync();

        Assert.Contains(bmc.RequestLog.Entries, e => e.Path == "/api/session" && e.StatusCode == 200);
        Assert.Equal(0, bmc.State.ActiveWebSessions);
    }

    [Fact]
    public async Task A_bios_update_whose_first_two_redfish_requests_answer_503_with_retry_after_flashes()
    {
        await using var f = await EscFirmware.Tests.BiosUpdate.BiosUpdateFixture.StartAsync(PowerState.Off,
            new FakeBmcFaults { RedfishUnavailableFirstRequests = 2, RedfishUnavailableRetryAfterSeconds = 1 });

        var (result, _) = f.Run(f.Options());

        Assert.True(result.Status == EscFirmware.Core.Updates.UpdateStatus.Succeeded, result.ErrorId + " " + result.Message);
        Assert.Equal(2, f.Bmc.RequestLog.Entries.Count(e => e.StatusCode == 503));
        Assert.Equal(1, f.Bmc.State.HpmWizard.FlashCount);
        f.AssertCleanEnd();
    }
}
