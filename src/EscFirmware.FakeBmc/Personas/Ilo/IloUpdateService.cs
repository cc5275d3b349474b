using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace EscFirmware.FakeBmc;

/// <summary>
/// The iLO update service of the HPE persona (seed 004): the repository keyed by file name, the upload state machine
/// (<c>Oem.Hpe.State</c> Idle → Verifying → Writing → Complete or Error, Updating while a flash runs), the task queue
/// processed strictly in order (a Pending task starts when its time window or maintenance window is open; an
/// InProgress, Expired or Exception task stalls everything behind it), maintenance windows and install sets.
/// Everything moves on the fake's clock in <see cref="Tick"/>. Thread-safe (one lock).
/// </summary>
public sealed class IloUpdateService
{
    public const int MaxInstallSets = 8;
    private static readonly string[] SignedInside = [".bin", ".flash", ".hpb", ".signed"];

    private readonly object _gate = new();
    private readonly FakeBmcState _state;
    private readonly FakeBmcOptions _options;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, IloComponent> _repository = new(StringComparer.Ordinal);
    private readonly List<IloTask> _queue = [];
    private readonly Dictionary<string, IloWindow> _windows = new(StringComparer.Ordinal);
    private readonly List<IloInstallSet> _installSets = [];
    private IloUpload? _upload;

    internal IloUpdateService(FakeBmcState state, FakeBmcOptions options, TimeProvider clock)
    {
        _state = state;
        _options = options;
        _clock = clock;
    }

    /// <summary>How many uploads arrived, and whether the last one carried the <c>sessionKey</c> cookie and no <c>Expect</c> header.</summary>
    public int Uploads { get { lock (_gate) { return _uploads; } } }
    public bool LastUploadHadSessionCookie { get; internal set; }
    public bool LastUploadHadExpect { get; internal set; }
    private int _uploads;

    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary><c>Oem.Hpe.State</c> and its <c>Result</c> MessageId (null while Idle).</summary>
    public (string State, string? Result) ServiceState()
    {
        lock (_gate)
        {
            if (_options.Ilo.Busy || _queue.Any(t => t.State == "InProgress" && t.Command == "ApplyUpdate")) return ("Updating", null);
            if (_upload is null) return ("Idle", null);
            return (_upload.Phase(Now, _options.Ilo), _upload.Result);
        }
    }

    /// <summary>Uploads are accepted only when Idle, Complete or Error (seed 004).</summary>
    public bool IsBusy => ServiceState().State is not ("Idle" or "Complete" or "Error");

    public IReadOnlyList<IloComponent> Components() { lock (_gate) { return _repository.Values.OrderBy(c => c.Created).ToList(); } }
    internal IReadOnlyList<IloTask> Tasks() { lock (_gate) { return _queue.ToList(); } }
    internal IReadOnlyList<IloWindow> Windows() { lock (_gate) { return _windows.Values.ToList(); } }
    internal IReadOnlyList<IloInstallSet> InstallSets() { lock (_gate) { return _installSets.ToList(); } }

    /// <summary>The state of the queue task named <paramref name="name"/>, or null.</summary>
    public string? TaskState(string name) { lock (_gate) { return _queue.FirstOrDefault(t => t.Name == name)?.State; } }

    internal bool IsLocked(string filename)
    {
        lock (_gate)
        {
            return _queue.Any(t => t.Filename == filename) || _installSets.Any(s => s.Sequence.Any(i => i.Filename == filename));
        }
    }

    /// <summary>A stable short id from a name, as iLO derives task and window URIs from their names.</summary>
    internal static string IdOf(string name) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8].ToLowerInvariant();

    /// <summary>Starts an upload's state machine; null when it may begin, else why it is refused.</summary>
    internal string? BeginUpload(string filename)
    {
        lock (_gate)
        {
            if (IsBusy) return "The update service is busy; wait until Oem.Hpe.State is Idle, Complete or Error.";
            if (_repository.TryGetValue(filename, out var existing) && IsLocked(existing.Filename))
            {
                return $"The component {filename} is referenced by a task or install set and cannot be replaced.";
            }
            _uploads++;
            return null;
        }
    }

    /// <summary>An upload's bytes have all arrived: verification and writing follow on the clock.</summary>
    internal void Uploaded(string filename, PersonaImage.ReceivedImage image, bool hasCompsig, bool updateRepository, bool updateTarget, string? etag)
    {
        string? problem = image.Problem();
        if (problem is null && !hasCompsig && !SignedInside.Any(e => filename.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            problem = "a Smart Component needs its component signature file (.compsig)";
        }
        if (problem is null && _options.Ilo.UploadRefused) problem = "the component was refused by the update service";
        lock (_gate)
        {
            _upload = new IloUpload(Now, filename, image.Target, image.Version, image.Length, updateRepository, updateTarget, etag, problem);
        }
    }

    internal string? UploadEtag { get { lock (_gate) { return _upload?.Etag; } } }

    internal bool RemoveComponent(string id, out string? refusal)
    {
        lock (_gate)
        {
            refusal = null;
            var component = _repository.Values.FirstOrDefault(c => c.Id == id);
            if (component is null) return false;
            if (IsLocked(component.Filename))
            {
                refusal = $"The component {component.Filename} is referenced by a task or install set; delete those first.";
                return true;
            }
            _repository.Remove(component.Filename);
            return true;
        }
    }

    internal string? AddTask(IloTask task)
    {
        lock (_gate)
        {
            if (_queue.Any(t => t.Name == task.Name)) return $"A task named '{task.Name}' is already in the queue.";
            if (task.Command == "ApplyUpdate" && !_repository.ContainsKey(task.Filename ?? "")) return $"The repository has no component {task.Filename}.";
            if (task.MaintenanceWindow is { } window && !_windows.ContainsKey(window)) return $"There is no maintenance window {window}.";
            _queue.Add(task);
            return null;
        }
    }

    internal bool RemoveTask(string id) { lock (_gate) { return _queue.RemoveAll(t => t.Id == id) > 0; } }

    internal string? AddWindow(IloWindow window)
    {
        lock (_gate)
        {
            if (_windows.ContainsKey(window.Id)) return $"A maintenance window named '{window.Name}' exists.";
            _windows.Add(window.Id, window);
            return null;
        }
    }

    internal IloWindow? FindWindow(string id) { lock (_gate) { return _windows.GetValueOrDefault(id); } }

    internal void ReplaceWindow(IloWindow window) { lock (_gate) { _windows[window.Id] = window; } }

    internal string? RemoveWindow(string id)
    {
        lock (_gate)
        {
            if (_queue.Any(t => t.MaintenanceWindow == id && t.State == "Pending")) return "A pending task refers to this maintenance window; remove the task first.";
            return _windows.Remove(id) ? null : "missing";
        }
    }

    internal string? AddInstallSet(IloInstallSet set)
    {
        lock (_gate)
        {
            if (_installSets.Count >= MaxInstallSets) return $"iLO keeps at most {MaxInstallSets} install sets.";
            if (_installSets.Any(s => s.Name == set.Name)) return $"An install set named '{set.Name}' exists.";
            if (set.Sequence.Select(i => i.Name).Distinct().Count() != set.Sequence.Count) return "The names of the sequence items must be unique.";
            _installSets.Add(set);
            return null;
        }
    }

    internal bool RemoveInstallSet(string id) { lock (_gate) { return _installSets.RemoveAll(s => s.Id == id) > 0; } }

    /// <summary><c>HpeComponentInstallSet.Invoke</c>: appends one task per sequence item (optionally after clearing the queue).</summary>
    internal string? Invoke(string id, bool clearQueue, DateTimeOffset? startAfter, DateTimeOffset? expire, string? window)
    {
        lock (_gate)
        {
            var set = _installSets.FirstOrDefault(s => s.Id == id);
            if (set is null) return "missing";
            if (window is not null && !_windows.ContainsKey(window)) return $"There is no maintenance window {window}.";
            if (clearQueue) _queue.RemoveAll(t => t.State != "InProgress");
            var clash = set.Sequence.FirstOrDefault(i => _queue.Any(t => t.Name == i.Name));
            if (clash is not null) return $"A task named '{clash.Name}' is already in the queue; clear the queue first.";
            foreach (var item in set.Sequence)
            {
                _queue.Add(new IloTask(IdOf(item.Name), item.Name, item.Command, item.Filename, item.UpdatableBy, startAfter, expire, window, item.WaitTimeSeconds, Now));
            }
            return null;
        }
    }

    /// <summary>Moves the upload and the queue on to now.</summary>
    internal void Tick()
    {
        var expireSessions = false;
        lock (_gate)
        {
            var now = Now;
            if (_upload is { Applied: false } upload && upload.Phase(now, _options.Ilo) is "Complete" or "Error")
            {
                upload.Applied = true;
                if (upload.Problem is null)
                {
                    if (upload.UpdateRepository)
                    {
                        _repository[upload.Filename] = new IloComponent(IdOf(upload.Filename), upload.Filename, upload.Target!, upload.Version!, upload.Bytes, now);
                    }
                    if (upload.UpdateTarget) Apply(upload.Target!, upload.Version!);
                }
            }
            foreach (var task in _queue)
            {
                if (task.State is "Complete" or "Canceled") continue;
                if (task.State is "Expired" or "Exception") break;
                if (task.State == "InProgress")
                {
                    var took = task.Command == "Wait" ? TimeSpan.FromSeconds(task.WaitTimeSeconds) : _options.Ilo.ApplyDuration;
                    if (now - task.Started < took) break;
                    Finish(task, now);
                    if (task.State == "Exception") break;
                    continue;
                }
                var (start, expire) = WindowOf(task);
                if (expire is { } end && now > end)
                {
                    task.State = "Expired";
                    task.Modified = now;
                    break;
                }
                if ((start is { } begin && now < begin) || !task.UpdatableBy.Contains("Bmc")) break;
                task.State = "InProgress";
                task.Started = now;
                task.Modified = now;
                expireSessions |= _options.Ilo.ExpireSessionsOnTaskStart;
                break;
            }
        }
        if (expireSessions) _state.RedfishSessions.Clear();
    }

    private (DateTimeOffset? Start, DateTimeOffset? Expire) WindowOf(IloTask task) =>
        task.MaintenanceWindow is { } id && _windows.TryGetValue(id, out var window) ? (window.StartAfter, window.Expire) : (task.StartAfter, task.Expire);

    private void Finish(IloTask task, DateTimeOffset now)
    {
        task.Modified = now;
        if (task.Command == "Wait")
        {
            task.State = "Complete";
            return;
        }
        if (_options.Ilo.TaskException || !_repository.TryGetValue(task.Filename ?? "", out var component))
        {
            task.State = "Exception";
            task.Result = "iLO.2.24.UpdateFailed";
            return;
        }
        Apply(component.Target, component.Version);
        task.State = "Complete";
        task.Result = "iLO.2.24.Success";
    }

    private void Apply(string target, string version)
    {
        if (target == "BIOS") _state.Host.BiosFlashed(version);
        else _state.SetBmcImageVersion(_state.ActiveBmcImage, version);
    }
}

public sealed record IloComponent(string Id, string Filename, string Target, string Version, long SizeBytes, DateTimeOffset Created);

internal sealed class IloUpload(DateTimeOffset started, string filename, string? target, string? version, long bytes, bool updateRepository, bool updateTarget, string? etag, string? problem)
{
    public string Filename { get; } = filename;
    public string? Target { get; } = target;
    public string? Version { get; } = version;
    public long Bytes { get; } = bytes;
    public bool UpdateRepository { get; } = updateRepository;
    public bool UpdateTarget { get; } = updateTarget;
    public string? Etag { get; } = etag;
    public string? Problem { get; } = problem;
    public bool Applied { get; set; }
    public string? Result => Applied ? (Problem is null ? "iLO.2.24.Success" : "iLO.2.24.UpdateFailed") : null;

    public string Phase(DateTimeOffset now, IloPersonaOptions options)
    {
        var step = options.UploadStepDuration;
        var elapsed = now - started;
        if (elapsed < step) return "Verifying";
        if (Problem is not null) return "Error";
        if (elapsed < step + step) return "Writing";
        if (UpdateTarget && elapsed < step + step + options.ApplyDuration) return "Updating";
        return "Complete";
    }
}

internal sealed class IloTask(string id, string name, string command, string? filename, IReadOnlyList<string> updatableBy,
    DateTimeOffset? startAfter, DateTimeOffset? expire, string? maintenanceWindow, int waitTimeSeconds, DateTimeOffset created)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public string Command { get; } = command;
    public string? Filename { get; } = filename;
    public IReadOnlyList<string> UpdatableBy { get; } = updatableBy;
    public DateTimeOffset? StartAfter { get; } = startAfter;
    public DateTimeOffset? Expire { get; } = expire;
    public string? MaintenanceWindow { get; } = maintenanceWindow;
    public int WaitTimeSeconds { get; } = waitTimeSeconds;
    public DateTimeOffset Created { get; } = created;
    public DateTimeOffset Modified { get; set; } = created;
    public DateTimeOffset Started { get; set; }
    public string State { get; set; } = "Pending";
    public string? Result { get; set; }
}

internal sealed record IloWindow(string Id, string Name, DateTimeOffset? StartAfter, DateTimeOffset? Expire);

internal sealed record IloSequenceItem(string Name, string Command, string? Filename, IReadOnlyList<string> UpdatableBy, int WaitTimeSeconds);

internal sealed record IloInstallSet(string Id, string Name, bool IsRecovery, IReadOnlyList<IloSequenceItem> Sequence);
