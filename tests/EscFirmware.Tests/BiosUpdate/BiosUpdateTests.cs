using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.BiosUpdate;

public sealed class BiosUpdateTests
{
    [Fact]
    public async Task HostOffWithoutPowerOnFlashesAndLeavesTheHostOff()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off);

        var (result, sink) = f.Run(f.Options());

        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        Assert.Equal(FirmwareComponent.Bios, result.Component);
        Assert.Equal("0603", result.FromVersion);
        Assert.Equal("0804", result.ToVersion);
        Assert.Equal("Off", result.HostPowerState);
        Assert.Contains("next power-on", result.Message);
        Assert.Equal("0804", f.Bmc.State.Host.PendingBiosVersion);
        Assert.Equal(PowerState.Off, f.Bmc.State.PowerState);
        Assert.Equal(f.SliceSha256(), f.Bmc.State.HpmWizard.ReceivedSha256);
        Assert.Equal(BiosUpdateFixture.ComponentLength, f.Bmc.State.HpmWizard.ReceivedLength);
        Assert.True(f.Bmc.State.HpmWizard.BiosSettingsSaved);
        Assert.Equal(1, f.Bmc.State.HpmWizard.FlashCount);
        Assert.Equal(1, f.Bmc.State.HpmWizard.ExitCount);
        Assert.Equal("BIOS 0603 -> 0804; host is Off; left off until its next power-on", Assert.Single(sink.ShouldProcessCalls).Action);
        var journal = f.Journal()!;
        Assert.Equal("Succeeded", journal.Outcome);
        Assert.True(journal.FlashSent);
        Assert.Contains(journal.History, h => h.Phase == "UpdateModeEntered");
        Assert.Contains(journal.History, h => h.Phase == "UpdateModeExited");
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task ShutdownHostAndPowerOnTakeTheHostFromOnToTheNewVerifiedBios()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.On);

        var (result, sink) = f.Run(f.Options(shutdownHost: true, powerOn: true));

        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        Assert.Equal("On", result.HostPowerState);
        Assert.Contains("confirmed after POST", result.Message);
        Assert.Equal("BIOS 0603 -> 0804; host is On and will be shut down; powered on afterwards", Assert.Single(sink.ShouldProcessCalls).Action);
        Assert.Equal("0804", f.Bmc.State.BiosVersion);
        Assert.Equal(PowerState.On, f.Bmc.State.PowerState);
        Assert.Contains(f.Bmc.RequestLog.Entries, e => e.Path.EndsWith("ComputerSystem.Reset"));
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task HostOnWithoutShutdownHostIsRefusedAndNothingIsWritten()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.On);

        var (result, _) = f.Run(f.Options());

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscHostPoweredOn", result.ErrorId);
        Assert.Empty(f.Bmc.RequestLog.Mutating);
        Assert.Equal(PowerState.On, f.Bmc.State.PowerState);
        f.AssertCleanEnd(journalExpected: false);
    }

    [Fact]
    public async Task WhatIfGivesThePlanIncludingThePowerActionsAndWritesNothing()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.On);

        var (result, sink) = f.Run(f.Options(shutdownHost: true, powerOn: true, whatIf: true), confirm: false);

        Assert.Equal(UpdateStatus.WhatIf, result.Status);
        Assert.Equal("BIOS 0603 -> 0804; host is On and will be shut down; powered on afterwards", result.Message);
        Assert.Empty(f.Bmc.RequestLog.Mutating);
        Assert.Single(sink.ShouldProcessCalls);
        f.AssertCleanEnd(journalExpected: false);
    }

    [Fact]
    public async Task SameVersionIsASuccessfulSkip()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off);
        f.Bmc.State.BiosVersion = "0804";

        var (result, _) = f.Run(f.Options());

        Assert.Equal(UpdateStatus.Skipped, result.Status);
        Assert.Empty(f.Bmc.RequestLog.Mutating);
        f.AssertCleanEnd(journalExpected: false);
    }

    [Fact]
    public async Task PrimarySessionDroppedMidWizardIsRescuedBySecondSession()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off, new FakeBmcFaults { HpmDropSessionAfter = "oemfw" });

        var (result, _) = f.Run(f.Options());

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscWebSessionLost", result.ErrorId);
        Assert.Contains("through the rescue session", result.Message);
        Assert.Equal(0, f.Bmc.State.HpmWizard.FlashCount);
        Assert.Equal(1, f.Bmc.State.HpmWizard.ExitCount);
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task PrimarySessionDroppedAfterFlashWaitsTheWriteOutThroughTheRescueSession()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off, new FakeBmcFaults { HpmDropSessionAfter = "flash" });

        var (result, _) = f.Run(f.Options());

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscWebSessionLost", result.ErrorId);
        Assert.Equal(1, f.Bmc.State.HpmWizard.FlashCount);
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task UploadConnectionResetFailsAndLeavesUpdateMode()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off, new FakeBmcFaults { HpmUploadResetAfterBytes = 70_000 });

        var (result, _) = f.Run(f.Options());

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscBmcUnreachable", result.ErrorId);
        Assert.Equal(0, f.Bmc.State.HpmWizard.FlashCount);
        Assert.Equal("Failed", f.Journal()!.Outcome);
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task ProgressMinusOneFailsTheFlashAndLeavesUpdateMode()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off, new FakeBmcFaults { HpmFlashFailsAtPercent = 50 });

        var (result, _) = f.Run(f.Options(powerOn: true));

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscBiosFlashFailed", result.ErrorId);
        Assert.Null(f.Bmc.State.Host.PendingBiosVersion);
        Assert.Equal(PowerState.Off, f.Bmc.State.PowerState);
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task QuietWindowDuringTheSpiWriteIsToleratedAndTheUpdateSucceeds()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off, new FakeBmcFaults { HpmFlashQuietWindow = TimeSpan.FromMilliseconds(800) });
        var options = f.Options();

        var (result, sink) = f.Run(options);

        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        Assert.Contains(f.Bmc.RequestLog.Entries, e => e.Path.EndsWith("upgradestatus") && e.StatusCode == 503);
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task HostPoweredOnByPolicyBeforeTheFlashIsCaughtByTheSecondGate()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.On, new FakeBmcFaults { HpmPowerOnByPolicyAfterUpload = true });

        var (result, _) = f.Run(f.Options(shutdownHost: true, powerOn: true));

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscHostPoweredOn", result.ErrorId);
        Assert.Contains("before the flash", result.Message);
        Assert.Equal(0, f.Bmc.State.HpmWizard.FlashCount);
        Assert.DoesNotContain(f.Bmc.RequestLog.Entries, e => e.Path.EndsWith("/hpm/flash"));
        f.AssertCleanEnd();
    }

    [Theory]
    [InlineData(BiosUpdatePhase.PowerGate, false)]
    [InlineData(BiosUpdatePhase.ShuttingDown, false)]
    [InlineData(BiosUpdatePhase.RescueSession, false)]
    [InlineData(BiosUpdatePhase.Preparing, true)]
    [InlineData(BiosUpdatePhase.Uploading, true)]
    [InlineData(BiosUpdatePhase.FlashGate, true)]
    public async Task StopBeforeTheFlashLeavesUpdateModeAndWritesNoBios(BiosUpdatePhase stopAt, bool enteredUpdateMode)
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.On);
        using var stop = new CancellationTokenSource();
        var options = f.Options(shutdownHost: true, powerOn: true);
        options.Settings.PhaseObserver = (_, phase) => { if (phase == stopAt) stop.Cancel(); };

        var (result, _) = f.Run(options, stop.Token);

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscOperationStopped", result.ErrorId);
        Assert.Equal(0, f.Bmc.State.HpmWizard.FlashCount);
        Assert.Equal(enteredUpdateMode ? 1 : 0, f.Bmc.State.HpmWizard.ExitCount);
        Assert.Equal("Stopped", f.Journal()!.Outcome);
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task StopDuringTheSpiWriteWaitsForItThenLeavesUpdateMode()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off);
        using var stop = new CancellationTokenSource();
        var options = f.Options(powerOn: true);
        options.Settings.PhaseObserver = (_, phase) => { if (phase == BiosUpdatePhase.Flashing) stop.CancelAfter(100); };

        var (result, _) = f.Run(options, stop.Token);

        Assert.Equal("EscOperationStopped", result.ErrorId);
        Assert.Equal(1, f.Bmc.State.HpmWizard.FlashCount);
        Assert.Equal(1, f.Bmc.State.HpmWizard.ExitCount);
        Assert.Equal(PowerState.Off, f.Bmc.State.PowerState);
        Assert.True(f.Journal()!.FlashSent);
        f.AssertCleanEnd();
    }
}
