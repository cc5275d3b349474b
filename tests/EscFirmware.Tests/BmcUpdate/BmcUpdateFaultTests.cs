using System;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Updates;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using Xunit;

namespace EscFirmware.Tests.BmcUpdate;

/// <summary>hpm-and-safety 6: every fault ends in a recovered success or a clear failure, never a second upload,
/// a leaked session or a BMC left mid-update by us.</summary>
public sealed class BmcUpdateFaultTests
{
    private static Task<BmcUpdateHarness> StartAsync(FakeBmcFaults faults, bool powerOn = false) =>
        BmcUpdateHarness.StartAsync(BmcUpdateHarness.FastOptions(faults) with { PowerOnAfterBmcReboot = powerOn });

    [Fact]
    public async Task Connection_reset_mid_upload_fails_clearly_and_the_next_run_succeeds()
    {
        await using var bmc = await StartAsync(new FakeBmcFaults { ResetUploadAfterBytes = 16 * 1024 });
        var image = bmc.WriteImage(HpmImageSpec.Bmc("1.37.1", appLength: 1024 * 1024));

        var (failed, _) = bmc.Run(image);

        Assert.Equal(UpdateStatus.Failed, failed.Status);
        Assert.Equal("EscBmcUnreachable", failed.ErrorId);
        Assert.Contains("nothing was flashed", failed.Message);
        Assert.Equal("Upload", failed.Phase);
        Assert.Equal(1, bmc.Server.State.RedfishUpdate.UploadCount);
        Assert.Equal("1.29.1", bmc.Server.State.BmcVersion);
        await bmc.AssertCleanAsync();

        var (again, _) = bmc.Run(image);
        Assert.Equal(UpdateStatus.Succeeded, again.Status);
        Assert.Equal("1.37.1", bmc.Server.State.BmcVersion);
        Assert.Equal(2, bmc.Server.State.RedfishUpdate.UploadCount); // one per run
    }

    [Fact]
    public async Task Unavailable_after_reboot_is_waited_out()
    {
        await using var bmc = await StartAsync(new FakeBmcFaults { UnavailableAfterReboot = TimeSpan.FromMilliseconds(600) });
        var (result, _) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.37.1")));
        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        Assert.Contains(bmc.Server.RequestLog.Entries, e => e.StatusCode == 503);
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task Session_expiry_while_flashing_logs_in_again_and_never_resends()
    {
        await using var bmc = await StartAsync(new FakeBmcFaults { ExpireSessionsWhileFlashing = true });
        var (result, _) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.37.1")));
        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        Assert.Contains(bmc.Server.RequestLog.Entries, e => e.StatusCode == 401);
        Assert.Equal(1, bmc.Server.State.RedfishUpdate.UploadCount);
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task Task_gone_after_reboot_is_normal()
    {
        await using var bmc = await StartAsync(new FakeBmcFaults { TaskMissingAfterReboot = true });
        var (result, _) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.37.1")), o => o.Settings.PollInterval = TimeSpan.FromMilliseconds(5));
        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        Assert.Equal("1.37.1", bmc.Server.State.BmcVersion);
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task Stuck_progress_is_reported_with_the_bmc_state_and_nothing_is_reset()
    {
        await using var bmc = await StartAsync(new FakeBmcFaults { StuckFlashAtPercent = 37 });
        var (result, sink) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.37.1")), o => o.Settings.StallTimeout = TimeSpan.FromSeconds(1));
        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscBmcFlashStalled", result.ErrorId);
        Assert.Contains("37% done.", result.Message);
        Assert.Contains("The BMC is updating (UpdateStatus Flashing", result.Message);
        Assert.Contains("do not reset", result.Message);
        Assert.DoesNotContain(bmc.Server.RequestLog.Mutating, e => e.Path.Contains("Reset", StringComparison.Ordinal));
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task Upload_refused_as_update_in_progress_is_a_clear_failure()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync(BmcUpdateHarness.FastOptions() with { Timings = new FakeBmcTimings { FlashStepDuration = TimeSpan.FromMilliseconds(300), BmcRebootDuration = TimeSpan.FromMilliseconds(200) } });
        // Another client's update starts between our pre-flight and our upload.
        var sink = new ConfirmThen(() => bmc.Server.State.RedfishUpdate.TryAccept("1.40.0"));
        var (result, _) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.37.1")), sink: sink);
        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscBmcUpdateInProgress", result.ErrorId);
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task Without_preserve_flags_a_flash_resets_the_configuration_and_the_credentials_stop_working()
    {
        // The fake's model of the classic mistake, done by hand: what the workflow makes impossible.
        await using var bmc = await BmcUpdateHarness.StartAsync();
        var state = bmc.Server.State.RedfishUpdate;
        var accepted = DateTimeOffset.UtcNow;
        Assert.NotNull(state.TryAccept("1.37.1"));
        // The flag is set just before the fake reboots: wait for the reboot itself to start and end, not only the flag.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((!state.ConfigurationResetByFlash || bmc.Server.State.DownUntil < accepted || bmc.Server.State.IsDown) && DateTime.UtcNow < deadline) await Task.Delay(20);
        await bmc.Server.WhenUpAsync();
        Assert.True(state.ConfigurationResetByFlash);
        Assert.Equal(RedfishUpdateState.FactoryPassword, state.Password);
        var (result, _) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.40.0")));
        Assert.Equal("EscBmcAuthenticationFailed", result.ErrorId);
    }

    [Fact]
    public async Task Power_restore_turning_the_host_on_is_warned_about()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync(BmcUpdateHarness.FastOptions() with { PowerState = PowerState.Off, PowerOnAfterBmcReboot = true });
        var (result, sink) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.37.1")), o => o.Settings.StableReadInterval = TimeSpan.FromMilliseconds(400));
        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        Assert.Equal("On", result.HostPowerState);
        Assert.Contains(sink.Warnings, w => w.Contains("power-restore policy", StringComparison.Ordinal));
        await bmc.AssertCleanAsync();
    }
}

/// <summary>Confirms, and runs an action at the moment of confirmation (between pre-flight and the first write).</summary>
internal sealed class ConfirmThen(Action action) : IRecordingWrapper
{
    public Support.RecordingSink Inner { get; } = new();
    public void WriteObject(object item) => Inner.WriteObject(item);
    public void WriteError(EscFirmware.Core.Operations.OperationError error) => Inner.WriteError(error);
    public void WriteWarning(string message) => Inner.WriteWarning(message);
    public void WriteVerbose(string message) => Inner.WriteVerbose(message);
    public void WriteDebug(string message) => Inner.WriteDebug(message);
    public void WriteProgress(EscFirmware.Core.Operations.OperationProgress progress) => Inner.WriteProgress(progress);

    public bool ShouldProcess(string target, string text)
    {
        action();
        return true;
    }
}
