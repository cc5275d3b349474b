using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Core.Audit;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Upgrades;
using EscFirmware.FakeBmc.SupportSite;
using Xunit;

namespace EscFirmware.Tests.Upgrades.Paths;

/// <summary>Invoke-EscFirmwareUpgrade through the catalog: a server two steps below the target reaches it in one run.</summary>
public sealed class UpgradePathExecutionTests
{
    [Fact]
    public async Task Two_steps_below_the_target_the_servers_reach_it_in_one_run_with_one_confirmation_each_and_both_steps_audited()
    {
        await using var fixture = await PathUpgradeFixture.StartAsync(PathUpgradeFixture.Stepped(), PathUpgradeFixture.TwoStepsBehind(), PathUpgradeFixture.TwoStepsBehind());

        var sink = fixture.Run(fixture.Options());

        Assert.Empty(sink.Errors);
        foreach (var server in fixture.Fleet.Servers)
        {
            var summary = UpgradeFleet.SummaryOf(sink, server);
            Assert.Equal((UpgradeStatus.Succeeded, "1.20.0", "1.37.1"), (summary.Status, summary.BmcFrom, summary.BmcTo));
            var results = sink.OfType<EscFirmwareUpdateResult>().Where(r => r.ComputerName == server.Address).ToList();
            Assert.Equal(["1 of 2 Bmc 1.20.0 -> 1.29.1 Succeeded", "2 of 2 Bmc 1.29.1 -> 1.37.1 Succeeded"],
                results.Select(r => r.Step + " " + r.Component + " " + r.FromVersion + " -> " + r.ToVersion + " " + r.Status));
            var asked = Assert.Single(sink.ShouldProcessCalls, c => c.Target == server.Address);
            Assert.Contains("step 1 of 2: BMC 1.20.0 -> 1.29.1", asked.Action);
            Assert.Contains("then step 2 of 2: BMC 1.29.1 -> 1.37.1", asked.Action);
            // The planner went round the BMC's own check: it never had to refuse an image.
            Assert.Equal(["1.29.1", "1.37.1"], server.State.RedfishUpdate.AcceptedVersions);
            Assert.Equal(0, server.State.RedfishUpdate.IncompatibleRefusals);
            Assert.Empty(server.State.HpmWizard.Violations);
            Assert.Equal((0, 0), (server.State.ActiveRedfishSessions, server.State.ActiveWebSessions));
        }
        // Each package was downloaded once for the whole fleet.
        Assert.Equal(2, fixture.Site.RequestCount(FakeSupportSite.DownloadPrefix));

        var audit = fixture.Audit();
        foreach (var server in fixture.Fleet.Servers)
        {
            var steps = audit.Where(r => r.ComputerName == server.Address && r.Event == AuditEvent.ComponentFinished).ToList();
            Assert.Equal(["1 of 2 1.20.0 -> 1.29.1 Succeeded", "2 of 2 1.29.1 -> 1.37.1 Succeeded"], steps.Select(r => r.Step + " " + r.FromVersion + " -> " + r.ToVersion + " " + r.Status));
            Assert.All(steps, r => Assert.Matches("^[0-9a-f]{64}$", r.ImageSha256!));
            Assert.Contains(audit, r => r.ComputerName == server.Address && r.Event == AuditEvent.Decision && r.Step == "2 of 2" && r.Message!.Contains("flash only over 1.29.1 or later"));
        }
    }

    [Fact]
    public async Task A_catalog_without_the_intermediate_release_is_a_clear_error_before_anything_is_written()
    {
        await using var fixture = await PathUpgradeFixture.StartAsync(PathUpgradeFixture.Stepped(withIntermediate: false), PathUpgradeFixture.TwoStepsBehind());
        var server = fixture.Fleet.Servers[0];

        var sink = fixture.Run(fixture.Options());

        var error = Assert.Single(sink.Errors);
        Assert.Equal("EscUpgradePathMissing", error.ErrorId);
        Assert.Contains("Missing intermediate release: BMC 1.29.1", error.Message);
        Assert.Contains("asus.com/support", error.RecommendedAction);
        var summary = UpgradeFleet.SummaryOf(sink, server);
        Assert.Equal((UpgradeStatus.Failed, "1.20.0"), (summary.Status, summary.BmcFrom));
        Assert.Contains("Missing intermediate release: BMC 1.29.1", summary.Message);
        Assert.Empty(sink.ShouldProcessCalls);
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Equal(0, server.State.RedfishUpdate.UploadCount);
        Assert.Equal(0, fixture.Site.RequestCount(FakeSupportSite.DownloadPrefix));
        Assert.Equal("1.20.0", server.State.BmcVersion);
    }

    [Fact]
    public async Task WhatIf_shows_the_whole_path_per_server_and_writes_nothing_anywhere()
    {
        await using var fixture = await PathUpgradeFixture.StartAsync(PathUpgradeFixture.Stepped(), PathUpgradeFixture.TwoStepsBehind());
        var server = fixture.Fleet.Servers[0];

        var sink = fixture.Run(fixture.Options(whatIf: true), confirm: false);

        Assert.Empty(sink.Errors);
        var asked = Assert.Single(sink.ShouldProcessCalls);
        Assert.Contains("step 1 of 2: BMC 1.20.0 -> 1.29.1", asked.Action);
        Assert.Contains("step 2 of 2: BMC 1.29.1 -> 1.37.1", asked.Action);
        var results = sink.OfType<EscFirmwareUpdateResult>().ToList();
        Assert.Equal(["1 of 2 WhatIf", "2 of 2 WhatIf"], results.Select(r => r.Step + " " + r.Status));
        Assert.Contains(".zip", results[1].Message);
        Assert.Equal(UpgradeStatus.WhatIf, UpgradeFleet.SummaryOf(sink, server).Status);
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Equal(0, fixture.Site.RequestCount(FakeSupportSite.DownloadPrefix));
        Assert.False(Directory.Exists(fixture.PackageCache));
        Assert.False(File.Exists(fixture.Fleet.AuditPath));
        Assert.True(!Directory.Exists(fixture.Fleet.JournalPath) || Directory.GetFiles(fixture.Fleet.JournalPath).Length == 0);
    }

    [Fact]
    public async Task An_image_given_by_hand_that_the_running_bmc_cannot_take_is_refused_before_any_write()
    {
        await using var fixture = await PathUpgradeFixture.StartAsync(PathUpgradeFixture.Stepped(), PathUpgradeFixture.TwoStepsBehind());
        var server = fixture.Fleet.Servers[0];
        var image = Path.Combine(Path.GetDirectoryName(fixture.Fleet.BmcImage)!, "ASMB12-1.37.1-needs-1.29.hpm");
        HpmImageWriter.WriteFile(HpmImageSpec.Bmc("1.37.1", earliestCompatible: "1.29.1"), image);
        var options = fixture.Fleet.Options();
        options.BmcImagePath = image;
        options.BiosImagePath = null;

        var sink = fixture.Fleet.Run(options);

        var result = Assert.Single(sink.OfType<EscFirmwareUpdateResult>());
        Assert.Equal((UpdateStatus.Failed, "EscImageNeedsNewerFirmware"), (result.Status, result.ErrorId));
        Assert.Contains("only over 1.29 or later", result.Message);
        Assert.Contains("Get-EscUpgradePath", result.Message);
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Equal(0, server.State.RedfishUpdate.UploadCount);
    }

    [Fact]
    public async Task A_two_step_bios_path_posts_and_verifies_the_intermediate_bios_before_the_next_flash()
    {
        await using var fixture = await PathUpgradeFixture.StartAsync(PathUpgradeFixture.SteppedBios(),
            UpgradeFleet.Behind(EscFirmware.FakeBmc.PowerState.On) with { BmcVersion = "1.37.1", BiosVersion = "0401" });
        var server = fixture.Fleet.Servers[0];

        var sink = fixture.Run(fixture.Options());

        Assert.Empty(sink.Errors);
        Assert.Equal(["1 of 2 Bios 0401 -> 0603 Succeeded", "2 of 2 Bios 0603 -> 0804 Succeeded"],
            sink.OfType<EscFirmwareUpdateResult>().Select(r => r.Step + " " + r.Component + " " + r.FromVersion + " -> " + r.ToVersion + " " + r.Status));
        Assert.Equal((UpgradeStatus.Succeeded, "0804"), (UpgradeFleet.SummaryOf(sink, server).Status, UpgradeFleet.SummaryOf(sink, server).BiosTo));
        Assert.Equal(2, server.State.HpmWizard.FlashCount);
        Assert.Equal(0, server.State.HpmWizard.IncompatibleRefusals);
        Assert.Empty(server.State.HpmWizard.Violations);
        Assert.Null(server.State.UpdateModeId);
    }

    [Fact]
    public async Task A_bios_path_of_several_steps_without_power_on_is_refused_before_anything_is_written()
    {
        await using var fixture = await PathUpgradeFixture.StartAsync(PathUpgradeFixture.SteppedBios(),
            UpgradeFleet.Behind(EscFirmware.FakeBmc.PowerState.Off) with { BmcVersion = "1.37.1", BiosVersion = "0401" });
        var server = fixture.Fleet.Servers[0];
        var options = fixture.Options();
        options.PowerOn = false;

        var sink = fixture.Run(options);

        Assert.Equal("EscUpgradePathNeedsPower", Assert.Single(sink.Errors).ErrorId);
        Assert.Contains("-PowerOn", sink.Errors[0].RecommendedAction);
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Equal(0, fixture.Site.RequestCount(FakeSupportSite.DownloadPrefix));
    }
}
