using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.State;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.BiosUpdate;

/// <summary>A fake BMC with fast timings, a BIOS image on disk and a private journal folder.</summary>
public sealed class BiosUpdateFixture : IAsyncDisposable
{
    public const int ComponentLength = 200_000;
    private readonly TempDirectory _folder = new();

    private BiosUpdateFixture(FakeBmcServer bmc)
    {
        Bmc = bmc;
        ImagePath = _folder.File("Z14PG-D32-ASUS-0804.HPM");
        HpmImageWriter.WriteFile(HpmImageSpec.Bios("0804", length: ComponentLength), ImagePath);
        JournalFolder = _folder.File("journal");
    }

    public FakeBmcServer Bmc { get; }
    public string ImagePath { get; }
    public string JournalFolder { get; }

    public static FakeBmcTimings FastTimings { get; } = new()
    {
        HpmFlashDuration = TimeSpan.FromMilliseconds(400),
        HpmVerifyDuration = TimeSpan.FromMilliseconds(100),
        GracefulShutdownDuration = TimeSpan.FromMilliseconds(300),
        BiosPostDuration = TimeSpan.FromMilliseconds(400),
    };

    public static async Task<BiosUpdateFixture> StartAsync(PowerState power = PowerState.Off, FakeBmcFaults? faults = null, bool exposesPendingBios = false, FakeBmcTimings? timings = null) =>
        new(await FakeBmcServer.StartAsync(new FakeBmcOptions
        {
            PowerState = power, Timings = timings ?? FastTimings, Faults = faults ?? new FakeBmcFaults(), ExposesPendingBiosVersion = exposesPendingBios,
        }));

    public static async Task<BiosUpdateFixture> StartAsync(FakeBmcOptions options) => new(await FakeBmcServer.StartAsync(options));

    public BiosUpdateOptions Options(bool shutdownHost = false, bool powerOn = false, bool whatIf = false) => new()
    {
        Path = ImagePath,
        ShutdownHost = shutdownHost,
        PowerOn = powerOn,
        WhatIf = whatIf,
        JournalPath = JournalFolder,
        Settings = FastSettings(),
    };

    /// <summary>Settings that run a whole BIOS update against a fast fake in about a second.</summary>
    public static BiosUpdateSettings FastSettings() => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(50),
        ShutdownTimeout = TimeSpan.FromSeconds(10),
        KeepAliveInterval = TimeSpan.FromMilliseconds(100),
        UploadTimeout = TimeSpan.FromSeconds(20),
        FlashTimeout = TimeSpan.FromSeconds(20),
        FlashQuietPollLimit = 100,
        VerifyTimeout = TimeSpan.FromSeconds(10),
        ExitVerifyTimeout = TimeSpan.FromSeconds(10),
        PostTimeout = TimeSpan.FromSeconds(10),
        StableBiosReads = 3,
    };

    /// <summary>Runs the operation (on a worker thread, the pipeline thread pumps the sink) and returns its one result.</summary>
    public (EscFirmwareUpdateResult Result, RecordingSink Sink) Run(BiosUpdateOptions options, CancellationToken ct = default, bool confirm = true)
    {
        var sink = new RecordingSink(confirm);
        new BiosUpdateOperation(FakeTargets.Request(Bmc), options).Run(sink, ct);
        Assert.True(sink.AllCallsOnPipelineThread);
        Assert.Empty(sink.Errors);
        return (Assert.Single(sink.OfType<EscFirmwareUpdateResult>()), sink);
    }

    public string SliceSha256()
    {
        var bytes = File.ReadAllBytes(ImagePath);
        var plan = BiosImagePlan.Read(ImagePath, false, CancellationToken.None);
        return Convert.ToHexString(SHA256.HashData(bytes.AsSpan((int)plan.Upload.DataOffset, (int)plan.Upload.DataLength)));
    }

    public UpdateJournalEntry? Journal() => new UpdateJournal(JournalFolder, FakeTargets.TargetOf(Bmc)).Read();

    public string JournalFile => new UpdateJournal(JournalFolder, FakeTargets.TargetOf(Bmc)).FilePath;

    /// <summary>What every BIOS test ends with: the BMC out of update mode, no session left, no safety violation, and a
    /// journal (when one was started) that is finished, holds no session handle and is readable by the owner only.</summary>
    public void AssertCleanEnd(bool journalExpected = true)
    {
        Assert.Empty(Bmc.State.HpmWizard.Violations);
        Assert.Null(Bmc.State.UpdateModeId);
        Assert.Equal(0, Bmc.State.ActiveWebSessions);
        Assert.Equal(0, Bmc.State.ActiveRedfishSessions);
        var entry = Journal();
        if (!journalExpected)
        {
            Assert.Null(entry);
            return;
        }
        Assert.NotNull(entry);
        Assert.NotNull(entry!.Outcome);
        Assert.False(entry.InUpdateMode);
        Assert.Null(entry.RescueSession);
        var text = File.ReadAllText(JournalFile);
        Assert.DoesNotContain("SessionCookie", text.Replace("\"RescueSession\": null", ""));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(JournalFile));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bmc.DisposeAsync();
        _folder.Dispose();
    }
}
