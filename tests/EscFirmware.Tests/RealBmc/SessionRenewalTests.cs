using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Transport;
using EscFirmware.FakeBmc;
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
}
