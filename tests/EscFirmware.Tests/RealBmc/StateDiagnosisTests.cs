using System;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Recovery;
using EscFirmware.Core.Updates;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.BiosUpdate;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.RealBmc;

/// <summary>Get-EscBmcState sends the admin the right way: a failed SPI write is reported, a Redfish BMC flash gets the
/// BMC's timing, a BMC still starting is "wait and re-check", never the AC drain first.</summary>
public sealed class StateDiagnosisTests : IDisposable
{
    private readonly EscFirmware.Tests.Recovery.RecoveryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private EscBmcState Probe(FakeBmcServer server, string? journalFolder = null)
    {
        var sink = new RecordingSink();
        var settings = _fixture.Settings;
        if (journalFolder != null) settings.JournalPath = journalFolder;
        new BmcStateReport(FakeTargets.Request(server), settings).Run(sink, CancellationToken.None);
        Assert.Empty(sink.Errors);
        return Assert.Single(sink.OfType<EscBmcState>());
    }

    [Fact]
    public async Task After_a_failed_spi_write_the_state_reports_the_failed_flash_not_healthy()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off, new FakeBmcFaults { HpmFlashFailsAtPercent = 50 });
        var (result, _) = f.Run(f.Options());
        Assert.Equal("EscBiosFlashFailed", result.ErrorId);

        var state = Probe(f.Bmc, f.JournalFolder);

        Assert.Equal(BmcState.FlashFailed, state.State);
        Assert.Contains("BIOS SPI write failed or was cut off", state.Remedy, StringComparison.Ordinal);
        Assert.Contains("Keep the host off", state.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("PSU", state.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_redfish_bmc_flash_is_described_with_the_bmc_timing()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Faults = new FakeBmcFaults { UpdateAlreadyRunning = true } });

        var state = Probe(server);

        Assert.Equal(BmcState.UpdateInProgress, state.State);
        Assert.Contains("flashing its own firmware over Redfish", state.Remedy, StringComparison.Ordinal);
        Assert.Contains("about 10 minutes", state.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("BIOS", state.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redfish_503_without_the_update_mode_signature_is_rebooting_wait_and_recheck()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Faults = new FakeBmcFaults { RedfishUnavailableFirstRequests = 1000 } });

        var state = Probe(server);

        Assert.Equal(BmcState.Rebooting, state.State);
        Assert.True(state.Recoverable);
        Assert.Contains("Wait and re-check", state.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("PSU", state.Remedy, StringComparison.Ordinal);
    }
}
