using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.BmcUpdate;

/// <summary>A fake BMC with millisecond flash timings, an image on disk and settings that run a whole update in about a second.</summary>
public sealed class BmcUpdateHarness : IAsyncDisposable
{
    private readonly TempDirectory _temp = new();

    private BmcUpdateHarness(FakeBmcServer server) => Server = server;

    public FakeBmcServer Server { get; }
    public string StateFolder => _temp.File("state");

    public static FakeBmcOptions FastOptions(FakeBmcFaults? faults = null) => new()
    {
        Timings = new FakeBmcTimings { FlashStepDuration = TimeSpan.FromMilliseconds(15), BmcRebootDuration = TimeSpan.FromMilliseconds(300) },
        Faults = faults ?? new FakeBmcFaults(),
    };

    public static async Task<BmcUpdateHarness> StartAsync(FakeBmcOptions? options = null) =>
        new(await FakeBmcServer.StartAsync(options ?? FastOptions()));

    public string WriteImage(HpmImageSpec spec, string name = "image.hpm")
    {
        var path = _temp.File(name);
        HpmImageWriter.WriteFile(spec, path);
        return path;
    }

    public BmcUpdateSettings Settings() => FastSettings(StateFolder);

    /// <summary>Settings that run a whole BMC update against a fast fake in about a second.</summary>
    public static BmcUpdateSettings FastSettings(string? stateFolder = null) => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(25),
        StallTimeout = TimeSpan.FromSeconds(4),
        FlashTimeout = TimeSpan.FromSeconds(20),
        RebootTimeout = TimeSpan.FromSeconds(20),
        UploadTimeout = TimeSpan.FromSeconds(30),
        StableVersionReads = 2,
        StableReadInterval = TimeSpan.FromMilliseconds(10),
        StateQueryTimeout = TimeSpan.FromSeconds(5),
        StateFolder = stateFolder,
    };

    public (EscFirmwareUpdateResult Result, RecordingSink Sink) Run(string imagePath, Action<BmcUpdateOptions>? configure = null, bool confirm = true, IConfirmingSink? sink = null, CancellationToken cancellationToken = default)
    {
        var options = new BmcUpdateOptions(imagePath) { Settings = Settings() };
        configure?.Invoke(options);
        var recording = new RecordingSink(confirm);
        new BmcUpdateOperation(FakeTargets.Request(Server), options).Run(sink ?? recording, cancellationToken);
        var records = (sink as IRecordingWrapper)?.Inner ?? recording;
        return (Assert.Single(records.OfType<EscFirmwareUpdateResult>()), records);
    }

    /// <summary>The invariants of every run: no session left, never two uploads, not left mid-update.</summary>
    public async Task AssertCleanAsync()
    {
        await Server.WhenUpAsync();
        Assert.Equal(0, Server.State.ActiveRedfishSessions);
        Assert.Equal(0, Server.State.ActiveWebSessions);
        Assert.True(Server.State.RedfishUpdate.UploadCount <= 1, "the image was uploaded " + Server.State.RedfishUpdate.UploadCount + " times");
        Assert.All(Server.State.RedfishUpdate.PreserveFlagsAllTrueAtFirstByte, Assert.True);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _temp.Dispose();
    }
}

/// <summary>A sink that keeps its records in a <see cref="RecordingSink"/>.</summary>
public interface IRecordingWrapper : IConfirmingSink
{
    RecordingSink Inner { get; }
}

/// <summary>Records like <see cref="RecordingSink"/> and cancels when a verbose milestone or progress status contains a text.</summary>
public sealed class CancellingSink(string trigger, CancellationTokenSource cancel) : IRecordingWrapper
{
    public RecordingSink Inner { get; } = new();

    public void WriteObject(object item) => Inner.WriteObject(item);
    public void WriteError(OperationError error) => Inner.WriteError(error);
    public void WriteWarning(string message) => Inner.WriteWarning(message);
    public void WriteDebug(string message) => Inner.WriteDebug(message);

    public void WriteVerbose(string message)
    {
        Inner.WriteVerbose(message);
        if (message.Contains(trigger, StringComparison.Ordinal)) cancel.Cancel();
    }

    public void WriteProgress(OperationProgress progress)
    {
        Inner.WriteProgress(progress);
        if (progress.Status.Contains(trigger, StringComparison.Ordinal)) cancel.Cancel();
    }

    public bool ShouldProcess(string target, string action) => Inner.ShouldProcess(target, action);
}
