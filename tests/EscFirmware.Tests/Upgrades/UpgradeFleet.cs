using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.Core.Upgrades;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.BiosUpdate;
using EscFirmware.Tests.BmcUpdate;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Recovery;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Upgrades;

/// <summary>Fake BMCs with fast BMC and BIOS timings, the two images on disk, and private journal and audit files.</summary>
public sealed class UpgradeFleet : IAsyncDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RecoveryFixture _recovery = new();

    private UpgradeFleet(List<FakeBmcServer> servers)
    {
        Servers = servers;
        BmcImage = _temp.File("ASMB12-1.37.1.hpm");
        HpmImageWriter.WriteFile(HpmImageSpec.Bmc("1.37.1"), BmcImage);
        BiosImage = _temp.File("Z14PG-D32-ASUS-0804.HPM");
        HpmImageWriter.WriteFile(HpmImageSpec.Bios("0804", length: 100_000), BiosImage);
    }

    public List<FakeBmcServer> Servers { get; }
    public string BmcImage { get; }
    public string BiosImage { get; }
    public string JournalPath => _recovery.JournalPath;
    public string AuditPath => _temp.File("audit.jsonl");

    public static FakeBmcOptions Behind(PowerState power = PowerState.On) => new()
    {
        PowerState = power,
        Timings = BmcUpdateHarness.FastOptions().Timings with
        {
            HpmFlashDuration = BiosUpdateFixture.FastTimings.HpmFlashDuration,
            HpmVerifyDuration = BiosUpdateFixture.FastTimings.HpmVerifyDuration,
            GracefulShutdownDuration = BiosUpdateFixture.FastTimings.GracefulShutdownDuration,
            BiosPostDuration = BiosUpdateFixture.FastTimings.BiosPostDuration,
        },
    };

    public static FakeBmcOptions Current() => Behind() with { BmcVersion = "1.37.1", BackupBmcVersion = "1.29.1", BiosVersion = "0804" };

    public static async Task<UpgradeFleet> StartAsync(params FakeBmcOptions[] servers)
    {
        var started = new List<FakeBmcServer>();
        foreach (var options in servers) started.Add(await FakeBmcServer.StartAsync(options));
        return new UpgradeFleet(started);
    }

    public FirmwareUpgradeOptions Options(bool whatIf = false) => new()
    {
        BmcImagePath = BmcImage,
        BiosImagePath = BiosImage,
        ShutdownHost = true,
        PowerOn = true,
        WhatIf = whatIf,
        JournalPath = JournalPath,
        AuditPath = AuditPath,
        Bmc = BmcUpdateHarness.FastSettings(),
        Bios = BiosUpdateFixture.FastSettings(),
        Recovery = _recovery.Settings,
    };

    public BmcFleetRequest Request(int throttle = 4) =>
        new(Servers.Select(FakeTargets.TargetOf), FakeTargets.CredentialOf(Servers[0]),
            TlsPolicy.Pin(Servers.Select(s => s.CertificateSha256).ToArray()), FakeTargets.FastSettings(), throttle);

    public RecordingSink Run(FirmwareUpgradeOptions options, int throttle = 4, bool confirm = true, CancellationToken cancellationToken = default)
    {
        var sink = new RecordingSink(confirm);
        new FirmwareUpgradeOperation(Request(throttle), options).Run(sink, cancellationToken);
        Assert.True(sink.AllCallsOnPipelineThread);
        return sink;
    }

    public static EscFirmwareUpgradeSummary SummaryOf(RecordingSink sink, FakeBmcServer server) =>
        Assert.Single(sink.OfType<EscFirmwareUpgradeSummary>(), s => s.ComputerName == server.Address);

    /// <summary>What every upgrade ends with on every BMC: no safety violation, out of update mode, no session left,
    /// never two uploads of one image.</summary>
    public async Task AssertCleanAsync()
    {
        foreach (var server in Servers)
        {
            await server.WhenUpAsync();
            Assert.Empty(server.State.HpmWizard.Violations);
            Assert.Null(server.State.UpdateModeId);
            Assert.Equal(0, server.State.ActiveWebSessions);
            Assert.Equal(0, server.State.ActiveRedfishSessions);
            Assert.True(server.State.RedfishUpdate.UploadCount <= 1);
            Assert.True(server.State.HpmWizard.FlashCount <= 1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers) await server.DisposeAsync();
        _recovery.Dispose();
        _temp.Dispose();
    }
}
