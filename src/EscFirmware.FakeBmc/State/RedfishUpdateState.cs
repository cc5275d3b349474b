using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace EscFirmware.FakeBmc;

/// <summary>
/// The Redfish multipart update of the fake BMC (spec a.6, b.1, b.5): uploads received, the task, the simulated flash
/// (Preparing → Downloading → VerifyingFirmware → Flashing → Completed), the reboot that follows and what the flash did
/// to the BMC's configuration. Thread-safe.
/// </summary>
public sealed class RedfishUpdateState
{
    /// <summary>What an ASMB11 guide documents as the factory account password; a flash without the preserve flags
    /// puts it back, so the operator's password stops working.</summary>
    public const string FactoryPassword = "admin";

    private static readonly string[] FlashPercentages = ["0% done.", "37% done.", "88% done", "100% done."];

    private readonly object _gate = new();
    private readonly FakeBmcState _state;
    private readonly FakeBmcOptions _options;
    private readonly TimeProvider _clock;
    private readonly Dictionary<int, FakeUpdateTask> _tasks = new();
    private string _password;
    private bool _running;
    private bool _resetFaultUsed;
    private int _lastTaskId;
    private DateTimeOffset _unavailableUntil = DateTimeOffset.MinValue;

    internal RedfishUpdateState(FakeBmcState state, FakeBmcOptions options, TimeProvider clock)
    {
        _state = state;
        _options = options;
        _clock = clock;
        _password = options.Password;
        if (options.Faults.UpdateAlreadyRunning)
        {
            _running = true;
            state.UpdateProgress = new UpdateProgress("Flashing", "37% done.", "BMC");
        }
    }

    /// <summary>The account's password now: the configured one, or <see cref="FactoryPassword"/> after a flash that
    /// reset the configuration.</summary>
    public string Password { get { lock (_gate) { return _password; } } }

    /// <summary>An administrator changes the account's password on the BMC (existing sessions keep working).</summary>
    public void ChangePassword(string password)
    {
        lock (_gate) { _password = password; }
    }

    /// <summary>True once a flash ran without every preserve flag set: network and users went back to factory defaults.</summary>
    public bool ConfigurationResetByFlash { get; private set; }

    /// <summary>How many uploads reached the BMC (file bytes started to arrive), accepted or not.</summary>
    public int UploadCount { get; private set; }

    /// <summary>For each upload, in order: were all preserve flags true when its first file byte arrived?</summary>
    public IReadOnlyList<bool> PreserveFlagsAllTrueAtFirstByte { get { lock (_gate) { return _preserveAtFirstByte.ToList(); } } }
    private readonly List<bool> _preserveAtFirstByte = new();

    /// <summary>The versions of the images accepted for flashing, in order.</summary>
    public IReadOnlyList<string> AcceptedVersions { get { lock (_gate) { return _accepted.ToList(); } } }
    private readonly List<string> _accepted = new();

    /// <summary>How many upload requests are waiting at the hold (<see cref="HoldUploadsAfter"/>).</summary>
    public int HeldUploads => System.Threading.Volatile.Read(ref _heldUploads);
    private int _heldUploads;
    private int? _holdAfter;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Test hook: once <paramref name="accepted"/> images were accepted, further upload requests wait before reading a
    /// byte until <see cref="ReleaseUploads"/> (or until the client goes away), so a test can stop a client between two flashes.
    /// </summary>
    public void HoldUploadsAfter(int accepted)
    {
        lock (_gate) { _holdAfter = accepted; }
    }

    public void ReleaseUploads()
    {
        lock (_gate)
        {
            _holdAfter = null;
            _release.TrySetResult();
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    internal async Task WaitIfHeldAsync(System.Threading.CancellationToken cancellationToken)
    {
        Task release;
        lock (_gate)
        {
            if (_holdAfter is not int after || _accepted.Count < after) return;
            release = _release.Task;
        }
        System.Threading.Interlocked.Increment(ref _heldUploads);
        try
        {
            await release.WaitAsync(cancellationToken);
        }
        finally
        {
            System.Threading.Interlocked.Decrement(ref _heldUploads);
        }
    }

    /// <summary>How many uploads were refused because the running version is older than the image's earliest compatible revision.</summary>
    public int IncompatibleRefusals { get; private set; }

    /// <summary>Bytes and SHA-256 of the last upload's file part.</summary>
    public long LastUploadBytes { get; private set; }
    public string? LastUploadSha256 { get; private set; }

    /// <summary>True from an accepted upload until the BMC is back from its reboot (or forever when stuck).</summary>
    public bool IsUpdating { get { lock (_gate) { return _running; } } }

    internal bool IsUnavailable => _clock.GetUtcNow() < UnavailableUntil;
    internal DateTimeOffset UnavailableUntil { get { lock (_gate) { return _unavailableUntil; } } }

    internal FakeUpdateTask? FindTask(int id)
    {
        lock (_gate) { return _tasks.GetValueOrDefault(id); }
    }

    internal IReadOnlyList<FakeUpdateTask> Tasks()
    {
        lock (_gate) { return _tasks.Values.ToList(); }
    }

    /// <summary>Called when the first byte of a file part arrives.</summary>
    internal void UploadStarted()
    {
        var allTrue = _state.PreserveConfiguration.Values.All(v => v);
        lock (_gate)
        {
            UploadCount++;
            _preserveAtFirstByte.Add(allTrue);
        }
    }

    /// <summary>The connection-reset fault fires once: a later upload goes through.</summary>
    internal bool TakeResetFault()
    {
        lock (_gate)
        {
            if (_resetFaultUsed || _options.Faults.ResetUploadAfterBytes is null) return false;
            _resetFaultUsed = true;
            return true;
        }
    }

    internal void UploadReceived(long bytes, string sha256)
    {
        LastUploadBytes = bytes;
        LastUploadSha256 = sha256;
    }

    internal void RefusedAsIncompatible()
    {
        lock (_gate) { IncompatibleRefusals++; }
    }

    /// <summary>Starts the flash of an accepted image; null when an update already runs.</summary>
    internal FakeUpdateTask? TryAccept(string newVersion)
    {
        var preserved = _state.PreserveConfiguration.Values.All(v => v);
        FakeUpdateTask task;
        lock (_gate)
        {
            if (_running) return null;
            _running = true;
            _accepted.Add(newVersion);
            task = new FakeUpdateTask(++_lastTaskId);
            _tasks[task.Id] = task;
        }
        _state.UpdateProgress = new UpdateProgress("Preparing", null, "BMC");
        _ = Task.Run(() => FlashAsync(task, newVersion, preserved));
        return task;
    }

    private async Task FlashAsync(FakeUpdateTask task, string newVersion, bool preserved)
    {
        var timings = _options.Timings;
        var faults = _options.Faults;
        task.Set("Running", 0);
        await Task.Delay(timings.FlashStepDuration, _clock);
        _state.UpdateProgress = new UpdateProgress("Downloading", null, "BMC");
        await Task.Delay(timings.FlashStepDuration, _clock);
        _state.UpdateProgress = new UpdateProgress("VerifyingFirmware", null, "BMC");
        await Task.Delay(timings.FlashStepDuration, _clock);
        for (var i = 0; i < FlashPercentages.Length; i++)
        {
            var percent = int.Parse(FlashPercentages[i].Split('%')[0], System.Globalization.CultureInfo.InvariantCulture);
            _state.UpdateProgress = new UpdateProgress("Flashing", FlashPercentages[i], "BMC");
            task.Set("Running", percent);
            if (faults.StuckFlashAtPercent is int stuck && percent >= stuck) return; // a BMC that never finishes
            if (i == 1 && faults.ExpireSessionsWhileFlashing) _state.RedfishSessions.Clear();
            await Task.Delay(timings.FlashStepDuration, _clock);
        }
        _state.UpdateProgress = new UpdateProgress("Completed", "Complete", "BMC");
        task.Set("Completed", 100);
        await Task.Delay(timings.FlashStepDuration, _clock);
        Activate(newVersion, preserved);
        if (faults.TaskMissingAfterReboot)
        {
            lock (_gate) { _tasks.Remove(task.Id); }
        }
        _state.Reboot(timings.BmcRebootDuration);
        _state.UpdateProgress = UpdateProgress.None;
        lock (_gate)
        {
            _unavailableUntil = _state.DownUntil + faults.UnavailableAfterReboot;
            _running = false;
        }
        if (_options.PowerOnAfterBmcReboot)
        {
            await Task.Delay(timings.BmcRebootDuration, _clock);
            _state.PowerState = PowerState.On;
        }
    }

    /// <summary>The new image goes into the other slot and becomes active; the old one stays as the backup.</summary>
    private void Activate(string newVersion, bool preserved)
    {
        var target = _state.ActiveBmcImage == 1 ? 2 : 1;
        _state.SetBmcImageVersion(target, newVersion);
        _state.SetActiveBmcImage(target);
        if (!preserved)
        {
            ConfigurationResetByFlash = true;
            _state.TryPatchPreserveConfiguration("*", _state.PreserveConfiguration.ToDictionary(p => p.Key, _ => false));
            lock (_gate) { _password = FactoryPassword; }
        }
    }
}

/// <summary>A Redfish task of the update service.</summary>
internal sealed class FakeUpdateTask(int id)
{
    private readonly object _gate = new();
    private string _state = "New";
    private int _percent;

    public int Id { get; } = id;
    public string Path => $"{Redfish.TaskEndpoints.TasksPath}/{Id}";

    public (string State, int Percent) Snapshot()
    {
        lock (_gate) { return (_state, _percent); }
    }

    public void Set(string state, int percent)
    {
        lock (_gate)
        {
            _state = state;
            _percent = percent;
        }
    }
}
