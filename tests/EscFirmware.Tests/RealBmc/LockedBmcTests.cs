using System;
using System.Diagnostics;
using System.Threading.Tasks;
using EscFirmware.Core.Updates;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.BiosUpdate;
using EscFirmware.Tests.BmcUpdate;
using Xunit;

namespace EscFirmware.Tests.RealBmc;

/// <summary>A BMC latched in update mode answers Redfish 503 for ever: the updates say so (EscBmcUpdateModeLocked, with
/// the way out) at once, instead of retrying the login and calling it "unavailable".</summary>
public sealed class LockedBmcTests
{
    private static readonly FakeBmcStartState Locked = new() { UpdateModeId = 77 };

    [Fact]
    public async Task A_bmc_update_against_a_locked_bmc_fails_at_once_as_update_mode_locked()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync(BmcUpdateHarness.FastOptions() with { Start = Locked });
        var clock = Stopwatch.StartNew();

        var (result, _) = bmc.Run(bmc.WriteImage(HpmImageSpec.Bmc("1.37.1")));

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscBmcUpdateModeLocked", result.ErrorId);
        Assert.Contains("Exit-EscUpdateMode", result.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "took " + clock.Elapsed);
        Assert.Empty(bmc.Server.RequestLog.Mutating);
        Assert.Equal(77, bmc.Server.State.UpdateModeId);
    }

    [Fact]
    public async Task A_bios_update_against_a_locked_bmc_without_a_journal_says_update_mode_locked()
    {
        await using var f = await BiosUpdateFixture.StartAsync();
        f.Bmc.State.UpdateModeId = 78;

        var (result, _) = f.Run(f.Options());

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscBmcUpdateModeLocked", result.ErrorId);
        Assert.Empty(f.Bmc.RequestLog.Mutating);
        Assert.Equal(78, f.Bmc.State.UpdateModeId);
    }
}
