using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Recovery;
using EscFirmware.Core.State;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.Core.Upgrades;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.BiosUpdate;
using EscFirmware.Tests.BmcUpdate;
using EscFirmware.Tests.Recovery;
using EscFirmware.Tests.Support;
using EscFirmware.Tests.Upgrades;
using Xunit;

namespace EscFirmware.Tests.Safety;

/// <summary>
/// The pipeline is stopped (the sink throws from every call, as PowerShell's Write* do) at every phase of every
/// operation that writes to a BMC: the stop reaches the caller only once the BMC is out of update mode, no session is
/// open, the journal is finished and the lock is free.
/// </summary>
public sealed class StoppedPipelineTests
{
    [Theory]
    [InlineData("PreFlight")]
    [InlineData("PreserveConfiguration")]
    [InlineData("Upload")]
    [InlineData("Monitor")]
    [InlineData("RebootWait")]
    [InlineData("Verify")]
    public async Task Bmc_update_stopped_in_any_phase_leaves_the_BMC_safe(string phase)
    {
        await using var bmc = await BmcUpdateHarness.StartAsync(BmcUpdateHarness.FastOptions() with
        {
            Timings = new FakeBmcTimings { FlashStepDuration = TimeSpan.FromMilliseconds(30), BmcRebootDuration = TimeSpan.FromMilliseconds(300), UploadChunkDelay = TimeSpan.FromMilliseconds(2) },
        });
        var image = bmc.WriteImage(HpmImageSpec.Bmc("1.37.1", appLength: 1024 * 1024));
        var sink = new StoppingSink { StopOn = ": " + phase + ": " };

        Assert.Throws<SimulatedPipelineStoppedException>(() =>
            new BmcUpdateOperation(FakeTargets.Request(bmc.Server), new BmcUpdateOptions(image) { Settings = bmc.Settings() }).Run(sink, CancellationToken.None));

        Assert.True(sink.Stopped);
        var update = bmc.Server.State.RedfishUpdate;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (update.IsUpdating && DateTime.UtcNow < deadline) await Task.Delay(20);
        await bmc.AssertCleanAsync();
        var journal = new UpdateJournal(bmc.StateFolder, FakeTargets.TargetOf(bmc.Server));
        SafetyAssert.Safe(bmc.Server, journal, journalExpected: phase != "PreFlight");
    }

    [Theory]
    [InlineData(BiosUpdatePhase.PreFlight)]
    [InlineData(BiosUpdatePhase.PowerGate)]
    [InlineData(BiosUpdatePhase.ShuttingDown)]
    [InlineData(BiosUpdatePhase.RescueSession)]
    [InlineData(BiosUpdatePhase.EnteringUpdateMode)]
    [InlineData(BiosUpdatePhase.Preparing)]
    [InlineData(BiosUpdatePhase.Uploading)]
    [InlineData(BiosUpdatePhase.FlashGate)]
    [InlineData(BiosUpdatePhase.Flashing)]
    [InlineData(BiosUpdatePhase.Verifying)]
    [InlineData(BiosUpdatePhase.Activating)]
    [InlineData(BiosUpdatePhase.ExitingUpdateMode)]
    [InlineData(BiosUpdatePhase.PoweringOn)]
    [InlineData(BiosUpdatePhase.WaitingForPost)]
    public async Task Bios_update_stopped_in_any_phase_leaves_the_BMC_safe(BiosUpdatePhase phase)
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.On);
        var sink = new StoppingSink();
        var options = f.Options(shutdownHost: true, powerOn: true);
        options.Settings.PhaseObserver = (_, seen) => { if (seen == phase) sink.StopNow(); };

        Assert.Throws<SimulatedPipelineStoppedException>(() => new BiosUpdateOperation(FakeTargets.Request(f.Bmc), options).Run(sink, CancellationToken.None));

        Assert.True(f.Bmc.State.HpmWizard.FlashCount <= 1);
        SafetyAssert.Safe(f.Bmc, new UpdateJournal(f.JournalFolder, FakeTargets.TargetOf(f.Bmc)), journalExpected: phase != BiosUpdatePhase.PreFlight);
        if (f.Bmc.State.HpmWizard.FlashCount == 1 && f.Journal()!.Outcome == "Stopped")
        {
            // The journal says what really happened: the write ran to its end, update mode was left.
            Assert.Contains(f.Journal()!.History, h => h.Phase == "Flashed");
            Assert.Contains(f.Journal()!.History, h => h.Phase == "UpdateModeExited");
            Assert.StartsWith("Stopped by the user after the image was written; ", f.Journal()!.Message);
        }
    }

    [Fact]
    public async Task A_stop_during_the_SPI_write_journals_that_the_image_was_written_and_verify_was_skipped()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off);
        using var stop = new CancellationTokenSource();
        var options = f.Options();
        options.Settings.PhaseObserver = (_, seen) => { if (seen == BiosUpdatePhase.Flashing) stop.CancelAfter(100); };

        var (result, _) = f.Run(options, stop.Token);

        var journal = f.Journal()!;
        Assert.Equal("Stopped", journal.Outcome);
        Assert.StartsWith("Stopped by the user after the image was written; verify and activate were skipped.", journal.Message);
        Assert.Contains("leave update mode: done", journal.Message);
        // The result says the same, then the next command in the words of the front end (which the journal does not keep).
        var next = result.Message!.IndexOf(" Next: run Get-EscBmcState", StringComparison.Ordinal);
        Assert.True(next > 0, result.Message);
        Assert.Equal(result.Message.Substring(0, next), journal.Message!.Substring(0, next));
        Assert.DoesNotContain(f.Bmc.RequestLog.Mutating, e => e.Path.EndsWith("/hpm/verifyimage", StringComparison.Ordinal));
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task After_a_stop_after_the_write_Get_EscBmcState_says_the_BIOS_is_not_in_effect_and_what_finishes_it()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off);
        using var recovery = new RecoveryFixture();
        using var stop = new CancellationTokenSource();
        var options = f.Options();
        options.Settings.PhaseObserver = (_, seen) => { if (seen == BiosUpdatePhase.Flashing) stop.CancelAfter(100); };
        f.Run(options, stop.Token);
        recovery.Settings.JournalPath = f.JournalFolder;

        var sink = new RecordingSink();
        new BmcStateReport(FakeTargets.Request(f.Bmc), recovery.Settings).Run(sink, CancellationToken.None);

        var state = Assert.Single(sink.OfType<EscBmcState>());
        Assert.Equal(BmcState.Healthy, state.State);
        Assert.Contains("after the image was written and before it was verified and activated", state.Remedy);
        Assert.Contains("Invoke-EscBiosUpdate " + f.Bmc.Address, state.Remedy);
        f.AssertCleanEnd();
    }

    [Theory]
    [InlineData(": Monitor: ")]
    [InlineData(": RebootWait: ")]
    [InlineData(": Uploading: ")]
    [InlineData(": Flashing: ")]
    [InlineData(": WaitingForPost: ")]
    public async Task Fleet_upgrade_stopped_in_any_phase_leaves_every_BMC_safe(string phase)
    {
        await using var fleet = await UpgradeFleet.StartAsync(UpgradeFleet.Behind(PowerState.Off), UpgradeFleet.Behind(PowerState.Off));
        var sink = new StoppingSink { StopOn = phase };

        Assert.Throws<SimulatedPipelineStoppedException>(() => new FirmwareUpgradeOperation(fleet.Request(), fleet.Options()).Run(sink, CancellationToken.None));

        Assert.True(sink.Stopped);
        foreach (var server in fleet.Servers)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (server.State.RedfishUpdate.IsUpdating && DateTime.UtcNow < deadline) await Task.Delay(20);
            await server.WhenUpAsync();
            // A server the stop reached before its confirmation has no journal; one that started has a finished one.
            SafetyAssert.Safe(server, new UpdateJournal(fleet.JournalPath, FakeTargets.TargetOf(server)), journalExpected: false);
        }
        Assert.Contains(fleet.Servers, server => new UpdateJournal(fleet.JournalPath, FakeTargets.TargetOf(server)).Read() != null);
    }

    [Fact]
    public async Task ErrorAction_Stop_over_two_BMCs_where_one_flash_fails_lets_the_healthy_one_finish_its_write_and_leave_update_mode()
    {
        await using var failing = await FakeBmcServer.StartAsync(new FakeBmcOptions
        {
            PowerState = PowerState.Off, Timings = BiosUpdateFixture.FastTimings, Faults = new FakeBmcFaults { HpmFlashFailsAtPercent = 10 },
        });
        await using var healthy = await FakeBmcServer.StartAsync(new FakeBmcOptions
        {
            PowerState = PowerState.Off, Timings = BiosUpdateFixture.FastTimings with { HpmFlashDuration = TimeSpan.FromSeconds(3) },
        });
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off);
        var sink = new StoppingSink { StopOnFailure = true };
        var request = new EscFirmware.Core.Operations.BmcFleetRequest(new[] { FakeTargets.TargetOf(failing), FakeTargets.TargetOf(healthy) },
            FakeTargets.CredentialOf(failing), EscFirmware.Core.Targets.TlsPolicy.SkipCheck, FakeTargets.FastSettings(), 2);

        Assert.Throws<SimulatedPipelineStoppedException>(() => new BiosUpdateOperation(request, f.Options()).Run(sink, CancellationToken.None));

        // The healthy BMC's SPI write ran to its end: leaving update mode during it would be a violation.
        Assert.Equal(1, healthy.State.HpmWizard.FlashCount);
        SafetyAssert.Safe(healthy, new UpdateJournal(f.JournalFolder, FakeTargets.TargetOf(healthy)), journalExpected: true);
        SafetyAssert.Safe(failing, new UpdateJournal(f.JournalFolder, FakeTargets.TargetOf(failing)), journalExpected: true);
    }

    [Theory]
    [InlineData("hpm/flash sent")]
    [InlineData("verified and activated")]
    [InlineData("exitupdatemode accepted")]
    public async Task Exit_update_mode_stopped_in_any_phase_leaves_the_BMC_safe(string stopOn)
    {
        using var recovery = new RecoveryFixture();
        await using var server = await FakeBmcServer.StartAsync(RecoveryFixture.StagedScenario(PowerState.Off));
        recovery.WriteStagedJournal(server);
        var sink = new StoppingSink { StopOn = stopOn };
        var options = new ExitUpdateModeOptions { CompleteFlash = true, Settings = recovery.Settings };

        Assert.Throws<SimulatedPipelineStoppedException>(() => new ExitUpdateModeOperation(FakeTargets.Request(server), options).Run(sink, CancellationToken.None));

        Assert.True(server.State.HpmWizard.FlashCount <= 1);
        SafetyAssert.Safe(server, recovery.JournalOf(server), journalExpected: true);
    }

    [Fact]
    public async Task During_the_POST_wait_no_web_session_is_held_and_one_Redfish_session_reads()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off);
        var options = f.Options(powerOn: true);
        int? webSessions = null, redfishSessions = null;
        options.Settings.PhaseObserver = (_, seen) =>
        {
            if (seen != BiosUpdatePhase.WaitingForPost) return;
            webSessions = f.Bmc.State.ActiveWebSessions;
            redfishSessions = f.Bmc.State.ActiveRedfishSessions;
        };

        var (result, _) = f.Run(options);

        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        Assert.Equal(0, webSessions);
        Assert.Equal(1, redfishSessions);
        f.AssertCleanEnd();
    }
}
