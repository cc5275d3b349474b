using System;
using System.Threading.Tasks;
using EscFirmware.Core.Updates;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.BiosUpdate;
using Xunit;

namespace EscFirmware.Tests.RealBmc;

/// <summary>A BMC latched in update mode answers Redfish 503 for ever: the updates say so (EscBmcUpdateModeLocked, with
/// the way out) at once, instead of retrying the login and calling it "unavailable" (the BMC update's twin:
/// BmcUpdateWorkflowTests.A_bmc_latched_in_update_mode_is_refused_without_a_write).</summary>
public sealed class LockedBmcTests
{
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
