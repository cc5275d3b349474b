using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Recovery;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Recovery;

public sealed class ExitUpdateModeTests : IDisposable
{
    private readonly RecoveryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private (EscUpdateModeExitResult? Result, RecordingSink Sink) Exit(FakeBmcServer server, bool completeFlash = false, bool whatIf = false, int? fwUpdateId = null)
    {
        var sink = new RecordingSink(confirm: !whatIf);
        var options = new ExitUpdateModeOptions { CompleteFlash = completeFlash, WhatIf = whatIf, FwUpdateId = fwUpdateId, Settings = _fixture.Settings };
        new ExitUpdateModeOperation(FakeTargets.Request(server), options).Run(sink, CancellationToken.None);
        Assert.True(sink.AllCallsOnPipelineThread);
        return (sink.OfType<EscUpdateModeExitResult>().SingleOrDefault(), sink);
    }

    [Fact]
    public async Task The_journal_rescue_session_gets_the_BMC_out_and_the_handle_leaves_the_journal()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Timings = RecoveryFixture.FastWizard });
        var id = await _fixture.KillBiosUpdateInUpdateModeAsync(server);

        var (result, sink) = Exit(server);

        Assert.Empty(sink.Errors);
        Assert.NotNull(result);
        Assert.Equal(UpdateModeExitAction.Exited, result!.Action);
        Assert.True(result.Recovered);
        Assert.Equal(RecoverySessionKind.JournalRescueSession, result.SessionUsed);
        Assert.Equal(id, result.FwUpdateId);
        Assert.Contains("a fresh web login works and Redfish answers 200", result.Message);
        Assert.Null(server.State.UpdateModeId);
        Assert.Equal(1, server.State.HpmWizard.ExitCount);
        Assert.Empty(server.State.HpmWizard.Violations);
        Assert.Equal(0, server.State.ActiveWebSessions); // the rescue session was logged out once update mode ended
        var entry = _fixture.JournalOf(server).Read()!;
        Assert.Null(entry.RescueSession);
        Assert.False(entry.InUpdateMode);
        Assert.Equal("Failed", entry.Outcome);
        Assert.Contains(entry.History, p => p.Phase == "UpdateModeExited");
        Assert.Equal(new[] { "PUT /api/maintenance/hpm/exitupdatemode" }, server.RequestLog.Mutating.Select(e => e.Method + " " + e.Path));
        Assert.Single(sink.ShouldProcessCalls);
    }

    [Fact]
    public async Task Locked_with_no_surviving_session_is_Impossible_with_the_AC_drain_and_sends_nothing()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Start = new FakeBmcStartState { UpdateModeId = RecoveryFixture.FwUpdateId } });

        var (result, sink) = Exit(server, fwUpdateId: RecoveryFixture.FwUpdateId);

        Assert.Empty(sink.Errors);
        Assert.Equal(UpdateModeExitAction.Impossible, result!.Action);
        Assert.False(result.Recovered);
        Assert.Equal(RecoverySessionKind.None, result.SessionUsed);
        Assert.Contains("No remote exit is possible without a surviving session", result.Message);
        Assert.Contains("1348", result.Message);
        Assert.Contains("PSU power cords", result.Remedy);
        Assert.Contains("30 seconds", result.Remedy);
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Empty(sink.ShouldProcessCalls);
        Assert.Equal(RecoveryFixture.FwUpdateId, server.State.UpdateModeId);
    }

    [Fact]
    public async Task A_rescue_session_that_died_in_a_reboot_is_Impossible_too()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        await _fixture.KillBiosUpdateInUpdateModeAsync(server);
        server.State.Reboot(TimeSpan.FromMilliseconds(200));
        await server.WhenUpAsync();

        var (result, _) = Exit(server);

        Assert.Equal(UpdateModeExitAction.Impossible, result!.Action);
        Assert.Contains("no longer works", result.Message);
        Assert.NotNull(_fixture.JournalOf(server).Read()!.RescueSession);
    }

    [Fact]
    public async Task A_BMC_not_in_update_mode_needs_nothing_and_a_stale_journal_is_closed()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        await _fixture.KillBiosUpdateInUpdateModeAsync(server);
        server.State.PowerDrain(TimeSpan.FromMilliseconds(200)); // someone already drained it
        await server.WhenUpAsync();

        var (result, sink) = Exit(server);

        Assert.Empty(sink.Errors);
        Assert.Equal(UpdateModeExitAction.NotNeeded, result!.Action);
        Assert.True(result.Recovered);
        Assert.Equal(RecoverySessionKind.NewLogin, result.SessionUsed);
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Equal(0, server.State.ActiveWebSessions);
        var entry = _fixture.JournalOf(server).Read()!;
        Assert.Null(entry.RescueSession);
        Assert.False(entry.InUpdateMode);
        Assert.False(entry.IsOpen);
    }

    [Fact]
    public async Task WhatIf_shows_the_plan_sends_nothing_and_keeps_the_rescue_session()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var id = await _fixture.KillBiosUpdateInUpdateModeAsync(server);

        var (result, sink) = Exit(server, whatIf: true);

        Assert.Equal(UpdateModeExitAction.WhatIf, result!.Action);
        Assert.False(result.Recovered);
        var (_, action) = Assert.Single(sink.ShouldProcessCalls);
        Assert.Contains("FWUPDATEID " + id, action);
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Equal(id, server.State.UpdateModeId);
        Assert.Equal(1, server.State.ActiveWebSessions);
        Assert.NotNull(_fixture.JournalOf(server).Read()!.RescueSession);
    }

    [Fact]
    public async Task A_staged_upload_without_CompleteFlash_is_discarded_and_said_so()
    {
        await using var server = await FakeBmcServer.StartAsync(RecoveryFixture.StagedScenario(PowerState.Off));
        _fixture.WriteStagedJournal(server);

        var (result, sink) = Exit(server);

        Assert.Empty(sink.Errors);
        Assert.Equal(UpdateModeExitAction.Exited, result!.Action);
        Assert.True(result.Recovered);
        Assert.Contains("hpm/flash was never sent (upgradestatus 1442)", result.Message);
        Assert.Contains("-CompleteFlash", Assert.Single(sink.ShouldProcessCalls).Action);
        Assert.Equal(0, server.State.HpmWizard.FlashCount);
        Assert.Null(server.State.UpdateModeId);
        Assert.Empty(server.State.HpmWizard.Violations);
    }

    [Fact]
    public async Task CompleteFlash_finishes_the_staged_flash_then_exits()
    {
        await using var server = await FakeBmcServer.StartAsync(RecoveryFixture.StagedScenario(PowerState.Off));
        _fixture.WriteStagedJournal(server);

        var (result, sink) = Exit(server, completeFlash: true);

        Assert.Empty(sink.Errors);
        Assert.Equal(UpdateModeExitAction.FlashCompleted, result!.Action);
        Assert.True(result.Recovered);
        Assert.Contains("written, verified and activated", result.Message);
        Assert.Contains("Power the host on", result.Remedy);
        Assert.Equal(1, server.State.HpmWizard.FlashCount);
        Assert.Equal(1, server.State.HpmWizard.ExitCount);
        Assert.Null(server.State.UpdateModeId);
        Assert.Empty(server.State.HpmWizard.Violations);
        Assert.Equal(
            new[] { "flash", "verifyimage", "activatecomponents", "exitupdatemode" },
            server.RequestLog.Mutating.Select(e => e.Path.Split('/').Last()));
        var entry = _fixture.JournalOf(server).Read()!;
        Assert.Equal("Succeeded", entry.Outcome);
        Assert.True(entry.FlashSent);
        Assert.Null(entry.RescueSession);
    }

    [Fact]
    public async Task CompleteFlash_refuses_a_BIOS_flash_while_the_host_is_on_and_changes_nothing()
    {
        await using var server = await FakeBmcServer.StartAsync(RecoveryFixture.StagedScenario(PowerState.On));
        _fixture.WriteStagedJournal(server);

        var (result, sink) = Exit(server, completeFlash: true);

        Assert.Null(result);
        var error = Assert.Single(sink.Errors);
        Assert.Equal("EscHostPoweredOn", error.ErrorId);
        Assert.Contains("without -CompleteFlash", error.RecommendedAction);
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Equal(RecoveryFixture.FwUpdateId, server.State.UpdateModeId);
        Assert.Equal(1, server.State.ActiveWebSessions); // the rescue session stays: it is still the only way out
        Assert.Empty(server.State.HpmWizard.Violations);
    }

    [Fact]
    public async Task A_running_flash_is_never_cut_off()
    {
        await using var server = await FakeBmcServer.StartAsync(RecoveryFixture.StagedScenario(PowerState.Off) with
        {
            Timings = new FakeBmcTimings { HpmFlashDuration = TimeSpan.FromMinutes(5) },
        });
        _fixture.WriteStagedJournal(server);
        await RecoveryFixture.StartFlashAsync(server);

        var (result, sink) = Exit(server);

        Assert.Null(result);
        Assert.Equal("EscFlashInProgress", Assert.Single(sink.Errors).ErrorId);
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Equal(HpmWizardPhase.Flashing, server.State.HpmWizard.Phase);
        Assert.Empty(server.State.HpmWizard.Violations);
    }

    [Fact]
    public async Task A_recent_flash_the_BMC_cannot_confirm_as_ended_is_not_cut_off()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        await _fixture.KillBiosUpdateInUpdateModeAsync(server, phase: "Flashing");
        var journal = _fixture.JournalOf(server);
        var entry = journal.Read()!;
        entry.ComponentId = null; // the process died before it recorded which component it flashed
        entry.FlashSent = true;
        journal.Write(entry);

        var (result, sink) = Exit(server);

        Assert.Null(result);
        Assert.Equal("EscFlashInProgress", Assert.Single(sink.Errors).ErrorId);
        Assert.Empty(server.RequestLog.Mutating);
        Assert.NotNull(server.State.UpdateModeId);
        Assert.Equal(1, server.State.ActiveWebSessions);
    }

    [Fact]
    public async Task A_wrong_FwUpdateId_is_refused_by_the_BMC_and_the_rescue_session_is_kept()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var id = await _fixture.KillBiosUpdateInUpdateModeAsync(server);

        var (result, sink) = Exit(server, fwUpdateId: id + 1);

        Assert.Null(result);
        Assert.Single(sink.Errors);
        Assert.Equal(id, server.State.UpdateModeId);
        Assert.Equal(1, server.State.ActiveWebSessions);
        Assert.NotNull(_fixture.JournalOf(server).Read()!.RescueSession);
    }

    [Fact]
    public async Task CompleteFlash_with_nothing_that_can_be_finished_says_the_upload_was_discarded()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Timings = RecoveryFixture.FastWizard });
        await _fixture.KillBiosUpdateInUpdateModeAsync(server, "Preparing");

        var (result, sink) = Exit(server, completeFlash: true);

        Assert.Empty(sink.Errors);
        Assert.Equal(UpdateModeExitAction.Exited, result!.Action);
        Assert.True(result.Recovered);
        Assert.Equal(Core.Updates.UpdateStatus.Succeeded, result.Status);
        Assert.Contains("-CompleteFlash was asked, but there is no staged upload that can be finished", result.Message);
        Assert.Contains("discarded", result.Message);
        Assert.Contains("discarded", Assert.Single(sink.ShouldProcessCalls).Action);
        Assert.Equal(0, server.State.HpmWizard.FlashCount);
    }

    [Fact]
    public async Task Impossible_is_a_failed_status()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Start = new FakeBmcStartState { UpdateModeId = RecoveryFixture.FwUpdateId } });

        var (result, _) = Exit(server);

        Assert.Equal(UpdateModeExitAction.Impossible, result!.Action);
        Assert.Equal(Core.Updates.UpdateStatus.Failed, result.Status);
    }
}
