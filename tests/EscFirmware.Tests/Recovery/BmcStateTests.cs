using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Recovery;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Recovery;

public sealed class BmcStateTests : IDisposable
{
    private readonly RecoveryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private EscBmcState Probe(FakeBmcServer server, RecordingSink? sink = null)
    {
        sink ??= new RecordingSink();
        new BmcStateReport(FakeTargets.Request(server), _fixture.Settings).Run(sink, CancellationToken.None);
        Assert.Empty(sink.Errors);
        Assert.True(sink.AllCallsOnPipelineThread);
        return Assert.Single(sink.OfType<EscBmcState>());
    }

    private static void AssertChangedNothing(FakeBmcServer server, int sessionsLeft = 0)
    {
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Equal(0, server.State.ActiveRedfishSessions);
        Assert.Equal(sessionsLeft, server.State.ActiveWebSessions);
    }

    [Fact]
    public async Task A_healthy_BMC_is_Healthy_with_its_evidence_and_no_session_left()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());

        var state = Probe(server);

        Assert.Equal(BmcState.Healthy, state.State);
        Assert.True(state.Recoverable);
        Assert.Null(state.FwUpdateId);
        Assert.Contains("Redfish GET /redfish/v1 -> 200", state.Evidence);
        Assert.Contains(state.Evidence, e => e.StartsWith("Redfish GET /redfish/v1/UpdateService (Basic auth) -> 200", StringComparison.Ordinal));
        Assert.Contains("web login works (logged out at once)", state.Evidence);
        Assert.Contains(state.Evidence, e => e.StartsWith("TCP " + _fixture.Settings.SshPort + " (SSH) closed", StringComparison.Ordinal));
        Assert.Contains(state.Evidence, e => e.StartsWith("IPMI RMCP ping UDP " + _fixture.Settings.IpmiPort + ": no Presence Pong", StringComparison.Ordinal));
        Assert.Contains("journal: no entry for this BMC on this machine", state.Evidence);
        Assert.True(DateTimeOffset.UtcNow - state.CheckedAt < TimeSpan.FromMinutes(1));
        AssertChangedNothing(server);
        // Few, serialised requests: root, one authenticated read, one login and its logout.
        Assert.Equal(4, server.RequestLog.Entries.Count);
    }

    [Fact]
    public async Task Locked_with_no_session_alive_is_not_recoverable_and_says_AC_drain()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Start = new FakeBmcStartState { UpdateModeId = RecoveryFixture.FwUpdateId } });

        var state = Probe(server);

        Assert.Equal(BmcState.UpdateModeLocked, state.State);
        Assert.False(state.Recoverable);
        Assert.Contains("web login refused with code 1348 (firmware update in progress)", state.Evidence);
        Assert.Contains(state.Evidence, e => e.StartsWith("Redfish GET /redfish/v1 -> 503", StringComparison.Ordinal));
        Assert.Contains("PSU power cords", state.Remedy);
        Assert.Contains("30 seconds", state.Remedy);
        Assert.Contains("about 3 minutes", state.Remedy);
        AssertChangedNothing(server);
        Assert.Equal(RecoveryFixture.FwUpdateId, server.State.UpdateModeId);
    }

    [Fact]
    public async Task Locked_with_the_journal_rescue_session_alive_is_recoverable_with_Exit_EscUpdateMode_and_the_session_stays()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var id = await _fixture.KillBiosUpdateInUpdateModeAsync(server);

        var state = Probe(server);

        Assert.Equal(BmcState.UpdateModeLocked, state.State);
        Assert.True(state.Recoverable);
        Assert.Equal(id, state.FwUpdateId);
        Assert.StartsWith("Run Exit-EscUpdateMode " + server.Address, state.Remedy);
        Assert.Contains(state.Evidence, e => e.StartsWith("journal: FWUPDATEID " + id + ", Invoke-EscBiosUpdate of Bios started", StringComparison.Ordinal) && e.Contains("phase Uploading since") && e.EndsWith("rescue session recorded", StringComparison.Ordinal));
        Assert.Contains("journal rescue session: GET /api/chassis-status -> 200 (the session is alive; left open)", state.Evidence);
        AssertChangedNothing(server, sessionsLeft: 1);
        Assert.Equal(id, server.State.UpdateModeId);
    }

    [Fact]
    public async Task A_dead_rescue_session_leaves_only_the_AC_drain()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        await _fixture.KillBiosUpdateInUpdateModeAsync(server);
        server.State.Reboot(TimeSpan.FromMilliseconds(200)); // a reboot ends every session; update mode survives it
        await server.WhenUpAsync();

        var state = Probe(server);

        Assert.Equal(BmcState.UpdateModeLocked, state.State);
        Assert.False(state.Recoverable);
        Assert.Contains("journal rescue session: GET /api/chassis-status -> 401 (the session is gone)", state.Evidence);
        Assert.Contains("PSU power cords", state.Remedy);
        AssertChangedNothing(server);
    }

    [Fact]
    public async Task Staged_but_not_flashed_offers_CompleteFlash()
    {
        await using var server = await FakeBmcServer.StartAsync(RecoveryFixture.StagedScenario(PowerState.Off));
        _fixture.WriteStagedJournal(server);

        var state = Probe(server);

        Assert.Equal(BmcState.UpdateModeLocked, state.State);
        Assert.True(state.Recoverable);
        Assert.Contains("-CompleteFlash", state.Remedy);
        Assert.Contains(state.Evidence, e => e.Contains("upload staged, flash NOT sent"));
        AssertChangedNothing(server, sessionsLeft: 1);
    }

    [Fact]
    public async Task A_flash_being_written_is_UpdateInProgress_and_must_not_be_interrupted()
    {
        await using var server = await FakeBmcServer.StartAsync(RecoveryFixture.StagedScenario(PowerState.Off) with
        {
            Timings = new FakeBmcTimings { HpmFlashDuration = TimeSpan.FromMinutes(5) },
        });
        _fixture.WriteStagedJournal(server, flashSent: true);
        await RecoveryFixture.StartFlashAsync(server);

        var state = Probe(server);

        Assert.Equal(BmcState.UpdateInProgress, state.State);
        Assert.True(state.Recoverable);
        Assert.StartsWith("Do not interrupt", state.Remedy);
        Assert.Contains(state.Evidence, e => e.Contains("phase Flashing since") && e.Contains("upload staged and flash sent"));
        Assert.Contains(state.Evidence, e => e.StartsWith("journal rescue session: GET hpm/upgradestatus (component 4) -> PROGRESS ", StringComparison.Ordinal) && e.EndsWith("(being written)", StringComparison.Ordinal));
        AssertChangedNothing(server, sessionsLeft: 1);
        Assert.Equal(HpmWizardPhase.Flashing, server.State.HpmWizard.Phase);
    }

    [Fact]
    public async Task When_the_journal_says_flash_sent_but_the_BMC_says_1442_the_BMC_wins()
    {
        await using var server = await FakeBmcServer.StartAsync(RecoveryFixture.StagedScenario(PowerState.Off));
        _fixture.WriteStagedJournal(server, flashSent: true);

        var state = Probe(server);

        Assert.Equal(BmcState.UpdateModeLocked, state.State);
        Assert.True(state.Recoverable);
        Assert.Contains("-CompleteFlash to finish the staged flash", state.Remedy);
        Assert.Contains("journal rescue session: GET hpm/upgradestatus (component 4) -> 500 code 1442 (no flash started)", state.Evidence);
    }

    [Fact]
    public async Task A_written_but_unverified_flash_offers_CompleteFlash_to_verify_and_activate()
    {
        await using var server = await FakeBmcServer.StartAsync(RecoveryFixture.StagedScenario(PowerState.Off) with
        {
            Timings = new FakeBmcTimings { HpmFlashDuration = TimeSpan.FromMilliseconds(50) },
        });
        _fixture.WriteStagedJournal(server, flashSent: true);
        await RecoveryFixture.StartFlashAsync(server);
        await Task.Delay(100);

        var state = Probe(server);

        Assert.Equal(BmcState.UpdateModeLocked, state.State);
        Assert.Contains("verify and activate the written flash", state.Remedy);
        Assert.Contains(state.Evidence, e => e.EndsWith("PROGRESS 100 (written)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(60_000, BmcState.UpdateInProgress)]
    [InlineData(1, BmcState.UpdateModeLocked)]
    public async Task When_the_BMC_cannot_say_a_flash_sent_within_the_window_counts_as_running(int windowMs, BmcState expected)
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        await _fixture.KillBiosUpdateInUpdateModeAsync(server, phase: "Flashing");
        var journal = _fixture.JournalOf(server);
        var entry = journal.Read()!;
        entry.ComponentId = null; // nothing to ask upgradestatus about
        entry.FlashSent = true;
        journal.Write(entry);
        _fixture.Settings.FlashRunningWindow = TimeSpan.FromMilliseconds(windowMs);
        await Task.Delay(20);

        Assert.Equal(expected, Probe(server).State);
    }

    [Fact]
    public async Task A_running_Redfish_update_is_UpdateInProgress()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        server.State.UpdateProgress = new UpdateProgress("Flashing", "37% done.", "BMC");

        var state = Probe(server);

        Assert.Equal(BmcState.UpdateInProgress, state.State);
        Assert.Contains("Redfish UpdateService: UpdateStatus Flashing, 37% done., target BMC", state.Evidence);
        AssertChangedNothing(server);
    }

    [Fact]
    public async Task A_full_session_table_is_SessionTableFull_with_the_cold_reset_remedy()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { MaxWebSessions = 5, Start = new FakeBmcStartState { OpenWebSessions = 5 } });

        var state = Probe(server);

        Assert.Equal(BmcState.SessionTableFull, state.State);
        Assert.True(state.Recoverable);
        Assert.Contains("web login refused with code 15000 (session table full)", state.Evidence);
        Assert.Contains("30 minutes", state.Remedy);
        Assert.Contains("mc reset cold", state.Remedy);
        AssertChangedNothing(server, sessionsLeft: 5);
    }

    [Fact]
    public async Task A_login_burst_locks_out_and_the_probe_says_AuthLockedOut_without_trying_the_web_login()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions
        {
            Faults = new FakeBmcFaults { LockoutAfterLogins = 3 },
            Timings = new FakeBmcTimings { LoginBurstWindow = TimeSpan.FromSeconds(30), AuthLockoutDuration = TimeSpan.FromMinutes(1) },
        });
        using var connection = FakeTargets.Connect(server);
        for (var i = 0; i < 4; i++)
        {
            try
            {
                var burst = await AmiWebSession.LoginAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None);
                await burst.LogoutAsync();
            }
            catch (Core.Transport.AmiWebException refused)
            {
                Assert.Equal(1012, refused.Code);
            }
        }
        Assert.True(server.State.Recovery.IsLockedOut);
        server.RequestLog.Clear();

        var state = Probe(server);

        Assert.Equal(BmcState.AuthLockedOut, state.State);
        Assert.True(state.Recoverable);
        Assert.Contains("Redfish GET /redfish/v1/UpdateService (Basic auth) -> 401 Base.1.12.AccessDenied (authentication locked out)", state.Evidence);
        Assert.Contains(state.Evidence, e => e.StartsWith("web login not tried", StringComparison.Ordinal));
        Assert.Contains("3 minutes", state.Remedy);
        Assert.Contains("-ThrottleLimit", state.Remedy);
        Assert.DoesNotContain(server.RequestLog.Paths, p => p == "/api/session");
    }

    [Fact]
    public async Task The_probe_itself_stays_under_a_tight_burst_limit()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions
        {
            Faults = new FakeBmcFaults { LockoutAfterLogins = 2 },
            Timings = new FakeBmcTimings { LoginBurstWindow = TimeSpan.FromSeconds(30) },
        });

        var state = Probe(server);

        Assert.Equal(BmcState.Healthy, state.State);
        Assert.False(server.State.Recovery.IsLockedOut);
        Assert.Equal(0, server.State.Recovery.RefusedLogins);
        var times = server.RequestLog.Entries.Select(e => e.Time).ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second >= pair.First, "requests overlapped"));
    }

    [Fact]
    public async Task Silent_HTTPS_with_a_recent_reboot_in_the_journal_is_Rebooting()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Start = new FakeBmcStartState { RebootingFor = TimeSpan.FromSeconds(30) } });
        var journal = _fixture.JournalOf(server);
        var entry = journal.Begin("Invoke-EscBmcUpdate", "Bmc", null, null, "1.29.1", "1.37.1");
        journal.RecordPhase(entry, "BmcRebooting");

        var state = Probe(server);

        Assert.Equal(BmcState.Rebooting, state.State);
        Assert.True(state.Recoverable);
        Assert.Contains(state.Evidence, e => e.StartsWith("Redfish GET /redfish/v1 -> no answer", StringComparison.Ordinal));
        Assert.Contains("web login not tried: HTTPS does not answer", state.Evidence);
        Assert.Contains("3 minutes", state.Remedy);
    }

    [Fact]
    public async Task Silent_HTTPS_while_SSH_answers_is_Rebooting()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Start = new FakeBmcStartState { RebootingFor = TimeSpan.FromSeconds(30) } });
        var ssh = new TcpListener(IPAddress.Loopback, 0);
        ssh.Start();
        try
        {
            _fixture.Settings.SshPort = ((IPEndPoint)ssh.LocalEndpoint).Port;

            var state = Probe(server);

            Assert.Equal(BmcState.Rebooting, state.State);
            Assert.Contains("TCP " + _fixture.Settings.SshPort + " (SSH) open", state.Evidence);
        }
        finally
        {
            ssh.Stop();
        }
    }

    [Fact]
    public async Task Silent_HTTPS_while_IPMI_answers_the_presence_ping_is_Rebooting()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Start = new FakeBmcStartState { RebootingFor = TimeSpan.FromSeconds(30) } });
        using var ipmi = new RmcpResponder();
        _fixture.Settings.IpmiPort = ipmi.Port;

        var state = Probe(server);

        Assert.Equal(BmcState.Rebooting, state.State);
        Assert.Contains("IPMI RMCP ping UDP " + ipmi.Port + ": Presence Pong (IPMI is up)", state.Evidence);
        Assert.Equal(1, ipmi.Pings);
    }

    [Fact]
    public void Nothing_answering_anywhere_is_Unreachable()
    {
        var sink = new RecordingSink();
        var target = new BmcTarget("127.0.0.1", RecoveryFixture.ClosedTcpPort());
        var request = new Core.Operations.BmcFleetRequest(new[] { target }, BmcCredential.FromPlainText("admin", "x"), TlsPolicy.SkipCheck, FakeTargets.FastSettings());

        new BmcStateReport(request, _fixture.Settings).Run(sink, CancellationToken.None);

        Assert.Empty(sink.Errors);
        var state = Assert.Single(sink.OfType<EscBmcState>());
        Assert.Equal(BmcState.Unreachable, state.State);
        Assert.False(state.Recoverable);
        Assert.Contains("Check the address", state.Remedy);
    }

    [Fact]
    public async Task Wrong_credentials_are_Unknown_and_say_so()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var request = new Core.Operations.BmcFleetRequest(new[] { FakeTargets.TargetOf(server) }, BmcCredential.FromPlainText("admin", "wrong"), TlsPolicy.Pin(server.CertificateSha256), FakeTargets.FastSettings());
        var sink = new RecordingSink();

        new BmcStateReport(request, _fixture.Settings).Run(sink, CancellationToken.None);

        var state = Assert.Single(sink.OfType<EscBmcState>());
        Assert.Equal(BmcState.Unknown, state.State);
        Assert.Contains("refused the credentials", state.Remedy);
        Assert.Contains(state.Evidence, e => e.StartsWith("web login refused with code 1009", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fleet_is_probed_in_parallel_and_leaks_no_secret()
    {
        await using var fleet = await FakeBmcFleet.StartAsync(3, 0);
        fleet.Servers[1].State.UpdateModeId = 5;
        var sink = new RecordingSink();

        new BmcStateReport(FakeTargets.Request(fleet), _fixture.Settings).Run(sink, CancellationToken.None);

        var states = sink.OfType<EscBmcState>().ToDictionary(s => s.ComputerName, s => s.State);
        Assert.Equal(BmcState.Healthy, states[fleet.Servers[0].Address]);
        Assert.Equal(BmcState.UpdateModeLocked, states[fleet.Servers[1].Address]);
        Assert.Equal(BmcState.Healthy, states[fleet.Servers[2].Address]);
        Assert.DoesNotContain(fleet.Servers[0].Options.Password, sink.AllText());
        Assert.All(fleet.Servers, s => Assert.Empty(s.RequestLog.Mutating));
    }

    [Fact]
    public async Task A_refused_certificate_is_an_error_not_a_state()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var request = new Core.Operations.BmcFleetRequest(new[] { FakeTargets.TargetOf(server) }, FakeTargets.CredentialOf(server), TlsPolicy.Pin(new string('A', 64)), FakeTargets.FastSettings());
        var sink = new RecordingSink();

        new BmcStateReport(request, _fixture.Settings).Run(sink, CancellationToken.None);

        Assert.Empty(sink.OfType<EscBmcState>());
        Assert.Equal("EscBmcCertificateThumbprintMismatch", Assert.Single(sink.Errors).ErrorId);
        Assert.Empty(server.RequestLog.Entries);
    }

    [Fact]
    public void The_presence_ping_is_the_12_byte_RMCP_ASF_packet_and_only_a_matching_pong_counts()
    {
        Assert.Equal(new byte[] { 0x06, 0x00, 0xFF, 0x06, 0x00, 0x00, 0x11, 0xBE, 0x80, 0x2A, 0x00, 0x00 }, RmcpPresencePing.Ping(0x2A));
        var pong = new byte[] { 0x06, 0x00, 0xFF, 0x06, 0x00, 0x00, 0x11, 0xBE, 0x40, 0x2A, 0x00, 0x10, 0, 0, 0, 0 };
        Assert.True(RmcpPresencePing.IsPong(pong, 0x2A));
        Assert.False(RmcpPresencePing.IsPong(pong, 0x2B));
        Assert.False(RmcpPresencePing.IsPong(RmcpPresencePing.Ping(0x2A), 0x2A));
        Assert.False(RmcpPresencePing.IsPong(pong.Take(11).ToArray(), 0x2A));
    }
}
