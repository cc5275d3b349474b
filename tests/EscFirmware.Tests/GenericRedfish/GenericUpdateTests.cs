using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Generic;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.GenericRedfish;

/// <summary>The generic DMTF update path against the DMTF persona, one task shape or fault at a time.</summary>
public sealed class GenericUpdateTests
{
    private static async Task<(EscFirmwareUpdateResult Result, RecordingSink Sink)> RunAsync(FakeBmcServer bmc, GenericUpdateOptions options, bool confirm = true)
    {
        var sink = new RecordingSink(confirm);
        new GenericUpdateOperation(FakeTargets.Request(bmc), options).Run(sink, CancellationToken.None);
        var result = Assert.Single(sink.OfType<EscFirmwareUpdateResult>());
        await bmc.WhenUpAsync();
        return (result, sink);
    }

    [Fact]
    public async Task A_multipart_push_reaches_completed_through_a_task_monitor_and_is_verified_by_inventory()
    {
        await using var bmc = await FakeBmcServer.StartAsync(GenericBmc.Dmtf());
        using var folder = new TempDirectory();
        PersonaImage.Write(folder.File("bmc.bin"), "BMC", "2.15.0");

        var (result, sink) = await RunAsync(bmc, GenericBmc.Update(FirmwareComponent.Bmc, folder.File("bmc.bin")));

        Assert.True(result.Status == UpdateStatus.Succeeded, result.Message);
        Assert.Equal(("2.14.0", "2.15.0"), (result.FromVersion, result.ToVersion));
        Assert.Equal("/redfish/v1/TaskService/Tasks/1", result.TaskUri); // the monitor said "done" once (204); the Task said how
        Assert.Equal("2.15.0", bmc.State.BmcVersion);
        Assert.Contains(bmc.RequestLog.Entries, e => e.Method == "POST" && e.Path == "/redfish/v1/UpdateService/update-multipart" && e.StatusCode == 202);
        Assert.Contains(bmc.RequestLog.Entries, e => e.Path.Contains("/TaskMonitors/") && e.StatusCode == 204);
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
        Assert.DoesNotContain(bmc.Options.Password, sink.AllText());
    }

    [Fact]
    public async Task SimpleUpdate_with_an_image_uri_works_against_a_service_that_answers_204_without_location()
    {
        await using var bmc = await FakeBmcServer.StartAsync(GenericBmc.Dmtf(new DmtfPersonaOptions { TaskShape = DmtfTaskShape.NoContentNoLocation, OfferMultipartPush = false, OfferHttpPush = false }));
        using var folder = new TempDirectory();
        PersonaImage.Write(folder.File("bmc-2.16.0.bin"), "BMC", "2.16.0");
        await using var web = await ImageWebServer.StartAsync(folder.File("bmc-2.16.0.bin"));

        var (result, sink) = await RunAsync(bmc, GenericBmc.Update(FirmwareComponent.Bmc, uri: web.Uri.AbsoluteUri, expected: "2.16.0"));

        Assert.True(result.Status == UpdateStatus.Succeeded, result.Message);
        Assert.Null(result.TaskUri);
        Assert.Equal("2.16.0", bmc.State.BmcVersion);
        Assert.Equal(1, web.Downloads);
        Assert.Equal([web.Uri.AbsoluteUri], bmc.State.Dmtf.FetchedImageUris);
        Assert.Contains(bmc.RequestLog.Entries, e => e.Method == "POST" && e.Path == "/redfish/v1/UpdateService/Actions/SimpleUpdate" && e.StatusCode == 204);
        Assert.Contains(sink.Verbose, v => v.Contains("no task to follow", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DmtfTaskShape.TaskAlways200, false, null)]
    [InlineData(DmtfTaskShape.TaskMonitor, true, "Scheduled")]
    public async Task Other_task_shapes_end_completed_too(DmtfTaskShape shape, bool brokenBodyMonitor, string? nonStandardState)
    {
        await using var bmc = await FakeBmcServer.StartAsync(GenericBmc.Dmtf(new DmtfPersonaOptions { TaskShape = shape, BrokenBodyTaskMonitor = brokenBodyMonitor, NonStandardTaskState = nonStandardState }));
        using var folder = new TempDirectory();
        PersonaImage.Write(folder.File("bmc.bin"), "BMC", "2.15.0");

        var (result, _) = await RunAsync(bmc, GenericBmc.Update(FirmwareComponent.Bmc, folder.File("bmc.bin"), expected: "2.15.0"));

        Assert.True(result.Status == UpdateStatus.Succeeded, result.Message);
        Assert.DoesNotContain(bmc.RequestLog.Entries, e => e.Path.Contains("/broken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_that_ends_in_exception_fails_with_its_messages_and_the_version_stays()
    {
        await using var bmc = await FakeBmcServer.StartAsync(GenericBmc.Dmtf(new DmtfPersonaOptions { TaskException = true }));
        using var folder = new TempDirectory();
        PersonaImage.Write(folder.File("bmc.bin"), "BMC", "2.15.0");

        var (result, _) = await RunAsync(bmc, GenericBmc.Update(FirmwareComponent.Bmc, folder.File("bmc.bin")));

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscRedfishTaskFailed", result.ErrorId);
        Assert.Contains("Exception", result.Message);
        Assert.Contains("Update.1.0.ApplyFailed", result.Message);
        Assert.Equal("2.14.0", bmc.State.BmcVersion);
    }

    [Fact]
    public async Task An_image_over_max_image_size_and_a_busy_service_are_refused_before_anything_is_flashed()
    {
        await using var small = await FakeBmcServer.StartAsync(GenericBmc.Dmtf(new DmtfPersonaOptions { MaxImageSizeBytes = 100_000 }));
        await using var busy = await FakeBmcServer.StartAsync(GenericBmc.Dmtf(new DmtfPersonaOptions { OfferMultipartPush = false, HttpPushBusy = true }));
        using var folder = new TempDirectory();
        PersonaImage.Write(folder.File("big.bin"), "BMC", "2.15.0", 300_000);

        var (tooLarge, _) = await RunAsync(small, GenericBmc.Update(FirmwareComponent.Bmc, folder.File("big.bin")));
        var (refused, _) = await RunAsync(busy, GenericBmc.Update(FirmwareComponent.Bmc, folder.File("big.bin")));

        Assert.Equal(("EscImageUnusable", UpdateStatus.Failed), (tooLarge.ErrorId, tooLarge.Status));
        Assert.Contains("MaxImageSizeBytes", tooLarge.Message);
        Assert.Equal("EscBmcUpdateInProgress", refused.ErrorId);
        Assert.EndsWith("Nothing was flashed.", refused.Message);
        Assert.DoesNotContain(small.RequestLog.Mutating, e => e.Method == "POST");
        Assert.DoesNotContain(busy.RequestLog.Mutating, e => e.Method == "POST");
    }

    [Fact]
    public async Task A_bios_image_is_staged_until_the_host_restarts_unless_restart_is_allowed()
    {
        await using var bmc = await FakeBmcServer.StartAsync(GenericBmc.Dmtf(new DmtfPersonaOptions { OfferMultipartPush = false }));
        using var folder = new TempDirectory();
        PersonaImage.Write(folder.File("bios.bin"), "BIOS", "1.9.0");

        var (staged, _) = await RunAsync(bmc, GenericBmc.Update(FirmwareComponent.Bios, folder.File("bios.bin")));
        var restart = GenericBmc.Update(FirmwareComponent.Bios, folder.File("bios.bin"), expected: "1.9.0");
        restart.RestartHost = true;
        var (applied, _) = await RunAsync(bmc, restart);

        Assert.Equal(UpdateStatus.Staged, staged.Status);
        Assert.Contains("host restart", staged.Message);
        Assert.True(applied.Status == UpdateStatus.Succeeded, applied.Message);
        Assert.Equal("1.9.0", bmc.State.BiosVersion);
        Assert.Contains(bmc.RequestLog.Entries, e => e.Method == "POST" && e.Path == "/redfish/v1/UpdateService/update");
        Assert.Single(bmc.RequestLog.Entries, e => e.Method == "POST" && e.Path.EndsWith("ComputerSystem.Reset", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Whatif_and_an_ami_bmc_change_nothing()
    {
        await using var dmtf = await FakeBmcServer.StartAsync(GenericBmc.Dmtf());
        await using var ami = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var folder = new TempDirectory();
        PersonaImage.Write(folder.File("bmc.bin"), "BMC", "2.15.0");

        var whatIf = GenericBmc.Update(FirmwareComponent.Bmc, folder.File("bmc.bin"));
        whatIf.WhatIf = true;
        var (plan, sink) = await RunAsync(dmtf, whatIf, confirm: false);
        var (refused, _) = await RunAsync(ami, GenericBmc.Update(FirmwareComponent.Bmc, folder.File("bmc.bin")));

        Assert.Equal(UpdateStatus.WhatIf, plan.Status);
        Assert.Contains("MultipartHttpPushUri", Assert.Single(sink.ShouldProcessCalls).Action);
        Assert.Empty(dmtf.RequestLog.Mutating);
        Assert.Equal("EscUseVendorUpdatePath", refused.ErrorId);
        Assert.Contains("Invoke-EscBmcUpdate", refused.Message);
        Assert.Empty(ami.RequestLog.Mutating);
    }

    [Fact]
    public async Task An_upload_the_service_refuses_fails_with_its_words_and_nothing_is_flashed()
    {
        await using var bmc = await FakeBmcServer.StartAsync(GenericBmc.Dmtf(new DmtfPersonaOptions { UploadRefused = true }));
        using var folder = new TempDirectory();
        PersonaImage.Write(folder.File("bmc.bin"), "BMC", "2.15.0");

        var (result, sink) = await RunAsync(bmc, GenericBmc.Update(FirmwareComponent.Bmc, folder.File("bmc.bin")));

        Assert.Equal((UpdateStatus.Failed, "EscBmcUploadRejected"), (result.Status, result.ErrorId));
        Assert.Contains("HTTP 400: Firmware updates are disabled on this service.", result.Message);
        Assert.Contains("Nothing was flashed.", result.Message);
        Assert.Equal(0, bmc.State.Dmtf.AcceptedImages);
        Assert.Equal("2.14.0", bmc.State.BmcVersion);
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
        Assert.DoesNotContain(bmc.Options.Password, sink.AllText());
    }

    [Fact]
    public async Task A_session_that_expires_mid_update_is_renewed_and_the_update_completes()
    {
        await using var bmc = await FakeBmcServer.StartAsync(GenericBmc.Dmtf(new DmtfPersonaOptions { SessionLifetime = TimeSpan.FromMilliseconds(700) }));
        using var folder = new TempDirectory();
        PersonaImage.Write(folder.File("bmc.bin"), "BMC", "2.15.0");

        var (result, sink) = await RunAsync(bmc, GenericBmc.Update(FirmwareComponent.Bmc, folder.File("bmc.bin"), expected: "2.15.0"));

        Assert.True(result.Status == UpdateStatus.Succeeded, result.Message);
        Assert.Equal("2.15.0", bmc.State.BmcVersion);
        Assert.Equal(1, bmc.State.Dmtf.AcceptedImages); // renewed to keep watching, never to push again
        Assert.True(bmc.RequestLog.Entries.Count(e => e.Method == "POST" && e.Path.TrimEnd('/') == "/redfish/v1/SessionService/Sessions") >= 2);
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
    }
}
