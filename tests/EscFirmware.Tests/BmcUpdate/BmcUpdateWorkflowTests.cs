using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Updates;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using Xunit;

namespace EscFirmware.Tests.BmcUpdate;

public sealed class BmcUpdateWorkflowTests
{
    [Fact]
    public async Task Happy_path_preserves_configuration_flashes_verifies_and_leaves_no_session()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        var image = bmc.WriteImage(HpmImageSpec.Bmc("1.37.1"));

        var (result, sink) = bmc.Run(image);

        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        Assert.Equal(FirmwareComponent.Bmc, result.Component);
        Assert.Equal("1.29.1", result.FromVersion);
        Assert.Equal("1.37.1", result.ToVersion);
        Assert.Equal("Done", result.Phase);
        Assert.NotNull(result.TaskUri);
        var state = bmc.Server.State;
        Assert.Equal("1.37.1", state.BmcVersion);
        Assert.Equal(2, state.ActiveBmcImage);
        Assert.Equal("1.29.1", state.BmcImage1Version);
        Assert.False(state.RedfishUpdate.IsUpdating);
        Assert.Null(state.UpdateProgress.UpdateStatus);
        Assert.False(state.RedfishUpdate.ConfigurationResetByFlash);
        Assert.Equal(bmc.Server.Options.Password, state.RedfishUpdate.Password);
        Assert.Equal(1, state.RedfishUpdate.UploadCount);
        Assert.Equal(new[] { true }, state.RedfishUpdate.PreserveFlagsAllTrueAtFirstByte);
        Assert.All(state.PreserveConfiguration.Values, Assert.True);
        Assert.Equal(new FileInfo(image).Length, state.RedfishUpdate.LastUploadBytes);
        Assert.Contains(sink.ShouldProcessCalls, c => c.Action == "BMC 1.29.1 -> 1.37.1; the BMC reboots; the host keeps running");
        foreach (var phase in new[] { "PreFlight", "PreserveConfiguration", "Upload", "Monitor", "RebootWait", "Verify" })
        {
            Assert.Contains(sink.Verbose, v => v.Contains(": " + phase + ": ", StringComparison.Ordinal));
        }
        Assert.Contains(sink.Progress, p => p.ParentActivityId == 1 && p.Status.StartsWith("Upload", StringComparison.Ordinal) && p.PercentComplete == 100);
        Assert.True(sink.AllCallsOnPipelineThread);
        Assert.DoesNotContain(bmc.Server.Options.Password, sink.AllText());
        var journal = File.ReadAllText(Directory.GetFiles(bmc.StateFolder, "*.json").Single());
        Assert.Contains("UploadAccepted", journal);
        Assert.Contains(result.TaskUri!, journal);
        Assert.Contains("\"Outcome\": \"Succeeded\"", journal);
        Assert.Empty(Directory.GetFiles(bmc.StateFolder, "*.lock"));
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task The_patch_is_the_only_write_before_the_upload_and_carries_only_the_listed_keys()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync(BmcUpdateHarness.FastOptions() with { UpdateServiceShape = UpdateServiceShape.Nested });
        var image = bmc.WriteImage(HpmImageSpec.Bmc("1.37.1"));

        var (result, _) = bmc.Run(image);

        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        var writes = bmc.Server.RequestLog.Mutating.Select(e => e.Method + " " + e.Path).ToList();
        Assert.Equal(new[] { "PATCH /redfish/v1/UpdateService", "POST /redfish/v1/UpdateService/upload" }, writes);
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task WhatIf_plans_without_any_mutating_request()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        var image = bmc.WriteImage(HpmImageSpec.Bmc("1.37.1"));

        var (result, sink) = bmc.Run(image, o => o.WhatIf = true, confirm: false);

        Assert.Equal(UpdateStatus.WhatIf, result.Status);
        Assert.Contains("1.29.1 -> 1.37.1", result.Message);
        Assert.Contains("14", result.Message);
        Assert.Single(sink.ShouldProcessCalls);
        Assert.Empty(bmc.Server.RequestLog.Mutating);
        Assert.Equal(0, bmc.Server.State.RedfishUpdate.UploadCount);
        Assert.False(Directory.Exists(bmc.StateFolder) && Directory.GetFiles(bmc.StateFolder, "*.json").Length > 0);
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task Declining_skips_without_writing()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        var (result, _) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.37.1")), confirm: false);
        Assert.Equal(UpdateStatus.Skipped, result.Status);
        Assert.Empty(bmc.Server.RequestLog.Mutating);
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task Same_version_is_skipped_without_a_write_unless_forced()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        var image = bmc.WriteImage(HpmImageSpec.Bmc("1.29.1"));

        var (skipped, sink) = bmc.Run(image);
        Assert.Equal(UpdateStatus.Skipped, skipped.Status);
        Assert.Empty(sink.ShouldProcessCalls);
        Assert.Empty(bmc.Server.RequestLog.Mutating);

        var (forced, _) = bmc.Run(image, o => o.Force = true);
        Assert.True(forced.Status == UpdateStatus.Succeeded, forced.Status + " in " + forced.Phase + ": " + forced.ErrorId + " " + forced.Message);
        Assert.Equal(1, bmc.Server.State.RedfishUpdate.UploadCount);
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task A_reinstall_is_verified_only_after_the_bmc_has_rebooted()
    {
        // The fake reports Completed for a whole flash step before it reboots; the version is the same before and after.
        var options = BmcUpdateHarness.FastOptions();
        await using var bmc = await BmcUpdateHarness.StartAsync(options with { Timings = options.Timings with { FlashStepDuration = TimeSpan.FromMilliseconds(300) } });
        var started = DateTimeOffset.UtcNow;

        var (result, _) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.29.1")), o => o.Force = true);

        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        Assert.True(bmc.Server.State.DownUntil > started, "the result came before the BMC rebooted");
        Assert.False(bmc.Server.State.IsDown, "the result came while the BMC was still rebooting");
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task Older_image_is_refused_before_any_write()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        var (result, _) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.20.0")));
        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscDowngradeRefused", result.ErrorId);
        Assert.Empty(bmc.Server.RequestLog.Mutating);
        await bmc.AssertCleanAsync();
    }

    [Theory]
    [InlineData("bios")]
    [InlineData("corrupt")]
    [InlineData("missing")]
    public async Task Invalid_missing_or_bios_image_fails_before_touching_the_bmc(string kind)
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        var image = kind switch
        {
            "bios" => bmc.WriteImage(HpmImageSpec.Bios("0804")),
            "corrupt" => bmc.WriteImage(HpmImageSpec.Bmc("1.37.1", defect: HpmDefect.BadMd5)),
            _ => Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".hpm"),
        };

        var (result, _) = bmc.Run(image);

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal(kind switch { "bios" => "EscImageNotBmc", "corrupt" => "EscInvalidFirmwareImage", _ => "EscImageNotFound" }, result.ErrorId);
        Assert.Equal("PreFlight", result.Phase);
        Assert.Empty(bmc.Server.RequestLog.Entries);
    }

    [Fact]
    public async Task An_update_already_running_is_refused_in_preflight()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync(BmcUpdateHarness.FastOptions(new FakeBmcFaults { UpdateAlreadyRunning = true }));
        var (result, _) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.37.1")));
        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscBmcUpdateInProgress", result.ErrorId);
        Assert.Empty(bmc.Server.RequestLog.Mutating);
        Assert.Equal(0, bmc.Server.State.RedfishUpdate.UploadCount);
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task A_bmc_latched_in_update_mode_is_refused_without_a_write()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        bmc.Server.State.UpdateModeId = 7;
        var (result, _) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.37.1")), o => o.Settings.StateQueryTimeout = TimeSpan.FromSeconds(1));
        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscBmcUpdateModeLocked", result.ErrorId);
        Assert.Empty(bmc.Server.RequestLog.Mutating);
    }

    [Fact]
    public async Task Another_run_holding_the_lock_is_refused()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        using var held = EscFirmware.Core.State.BmcLock.Acquire(EscFirmware.Tests.Support.FakeTargets.TargetOf(bmc.Server), "a test");
        var (result, _) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.37.1")));
        Assert.Equal("EscBmcUpdateAlreadyRunning", result.ErrorId);
        Assert.Empty(bmc.Server.RequestLog.Mutating);
        await bmc.AssertCleanAsync();
    }
}
