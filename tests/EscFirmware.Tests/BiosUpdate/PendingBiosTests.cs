using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Core.Updates;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.BiosUpdate;

/// <summary>
/// A BIOS flashed with the host left off reads the old BiosVersion until the next POST. A re-run (a restarted
/// runbook) must see it is pending and write nothing, unless forced.
/// </summary>
public sealed class PendingBiosTests
{
    [Fact]
    public async Task A_rerun_with_the_host_left_off_writes_nothing_and_reports_pending()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off);
        var (first, _) = f.Run(f.Options());
        var written = f.Journal()!;
        f.Bmc.RequestLog.Clear();

        var (again, sink) = f.Run(f.Options());

        Assert.Equal(UpdateStatus.Succeeded, first.Status);
        Assert.Equal("0603", f.Bmc.State.BiosVersion);
        Assert.Equal(UpdateStatus.Pending, again.Status);
        Assert.Contains("pending until the host's next POST", again.Message);
        Assert.Contains("-Force writes it again", again.Message);
        Assert.Empty(f.Bmc.RequestLog.Mutating);
        Assert.Empty(sink.ShouldProcessCalls);
        Assert.Equal(1, f.Bmc.State.HpmWizard.FlashCount);
        var pending = written.PendingBios!;
        Assert.Equal("0804", pending.Version);
        Assert.Equal("0603", pending.FromVersion);
        Assert.Equal(UpdateStatus.Pending, f.Run(f.Options(whatIf: true)).Result.Status);
        var note = written.History.Single(h => h.Phase == "PendingUntilPost").Note!;
        Assert.Contains("written and verified, pending until POST: BIOS 0804", note);
        Assert.Contains(pending.ImageSha256!, note);
        Assert.Contains("PendingUntilPost", File.ReadAllText(f.JournalFile));
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task Force_writes_a_pending_bios_again()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off);
        f.Run(f.Options());
        var options = f.Options();
        options.Force = true;

        var (again, _) = f.Run(options);

        Assert.Equal(UpdateStatus.Succeeded, again.Status);
        Assert.Equal(2, f.Bmc.State.HpmWizard.FlashCount);
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task After_the_host_posted_the_pending_record_no_longer_counts()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off);
        f.Run(f.Options());
        f.Run(f.Options(powerOn: true, shutdownHost: true)); // pending: powers nothing (nothing written)
        var options = f.Options(shutdownHost: true, powerOn: true);
        options.Force = true;
        f.Run(options);

        var (after, _) = f.Run(f.Options());

        Assert.Equal("0804", f.Bmc.State.BiosVersion);
        Assert.Equal(UpdateStatus.Skipped, after.Status);
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task A_pending_version_the_bmc_exposes_counts_without_any_journal()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off, exposesPendingBios: true);
        f.Run(f.Options());
        File.Delete(f.JournalFile);
        f.Bmc.RequestLog.Clear();

        var (again, _) = f.Run(f.Options());

        Assert.Equal(UpdateStatus.Pending, again.Status);
        Assert.Contains("the BMC lists it as the pending BIOS version", again.Message);
        Assert.Empty(f.Bmc.RequestLog.Mutating);
        Assert.Contains(f.Bmc.RequestLog.Paths, p => p.EndsWith("/FirmwareInventory/BIOS_Pending"));
        Assert.Equal(1, f.Bmc.State.HpmWizard.FlashCount);
    }
}
