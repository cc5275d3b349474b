using System.Threading.Tasks;
using EscFirmware.Core.Updates;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.BiosUpdate;
using EscFirmware.Tests.BmcUpdate;
using Xunit;

namespace EscFirmware.Tests.Upgrades.Paths;

/// <summary>The fake BMC checks an uploaded image's earliest compatible revision against the running firmware, as the
/// real BMC's HPM code does, so the path tests prove the planner avoids that refusal rather than relying on it.</summary>
public sealed class FakeBmcCompatibilityTests
{
    [Fact]
    public async Task An_image_whose_earliest_compatible_revision_is_above_the_running_version_is_refused_and_nothing_changes()
    {
        await using var harness = await BmcUpdateHarness.StartAsync(BmcUpdateHarness.FastOptions() with { BmcVersion = "1.20.0", BackupBmcVersion = "1.20.0" });
        var image = harness.WriteImage(HpmImageSpec.Bmc("1.37.1", earliestCompatible: "1.29.1"));

        var (result, _) = harness.Run(image);

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Contains("1.29 or later", result.Message);
        Assert.Equal(1, harness.Server.State.RedfishUpdate.IncompatibleRefusals);
        Assert.Equal("1.20.0", harness.Server.State.BmcVersion);
        await harness.AssertCleanAsync();
    }

    [Fact]
    public async Task The_same_image_is_taken_over_a_version_that_meets_it()
    {
        await using var harness = await BmcUpdateHarness.StartAsync(BmcUpdateHarness.FastOptions() with { BmcVersion = "1.29.1", BackupBmcVersion = "1.29.1" });
        var image = harness.WriteImage(HpmImageSpec.Bmc("1.37.1", earliestCompatible: "1.29.1"));

        var (result, _) = harness.Run(image);

        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        Assert.Equal(0, harness.Server.State.RedfishUpdate.IncompatibleRefusals);
        Assert.Equal("1.37.1", harness.Server.State.BmcVersion);
    }

    [Fact]
    public async Task A_bios_image_whose_earliest_compatible_bios_is_above_the_running_one_is_refused_at_upload_and_update_mode_is_left()
    {
        await using var fixture = await BiosUpdateFixture.StartAsync();
        var options = fixture.Options();
        options.Path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(fixture.ImagePath)!, "Z14PG-D32-ASUS-0804-needs-0700.HPM");
        HpmImageWriter.WriteFile(HpmImageSpec.Bios("0804", length: BiosUpdateFixture.ComponentLength, earliestCompatible: "0700"), options.Path);

        var (result, _) = fixture.Run(options);

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Contains("only over 0700", result.Message);
        Assert.Equal(1, fixture.Bmc.State.HpmWizard.IncompatibleRefusals);
        Assert.Equal(0, fixture.Bmc.State.HpmWizard.FlashCount);
        Assert.Equal("0603", fixture.Bmc.State.BiosVersion);
        fixture.AssertCleanEnd();
    }
}
