using System;
using System.Collections.Generic;
using System.Linq;

namespace EscFirmware.FakeBmc;

/// <summary>
/// The generic DMTF persona's updates: each accepted image becomes a task that starts, runs and ends on the fake's
/// clock. <see cref="Tick"/> (called on every request) moves tasks on and applies a finished one exactly once: a BMC
/// image with ApplyTime Immediate activates and reboots the BMC; OnReset waits for <c>Manager.Reset</c>; a BIOS image
/// always waits for the host's next start. Thread-safe.
/// </summary>
public sealed class DmtfUpdateState
{
    private readonly object _gate = new();
    private readonly FakeBmcState _state;
    private readonly FakeBmcOptions _options;
    private readonly TimeProvider _clock;
    private readonly Dictionary<int, DmtfTask> _tasks = new();
    private int _lastId;
    private string? _pendingBmcVersion;

    internal DmtfUpdateState(FakeBmcState state, FakeBmcOptions options, TimeProvider clock)
    {
        _state = state;
        _options = options;
        _clock = clock;
    }

    /// <summary>Images accepted so far (pushed or fetched through SimpleUpdate).</summary>
    public int AcceptedImages { get { lock (_gate) { return _tasks.Count; } } }

    /// <summary>A BMC version waiting for <c>Manager.Reset</c> (ApplyTime OnReset); null when none waits.</summary>
    public string? PendingBmcVersion { get { lock (_gate) { return _pendingBmcVersion; } } }

    /// <summary>The ImageURIs SimpleUpdate was asked to fetch, in order.</summary>
    public IReadOnlyList<string> FetchedImageUris { get { lock (_gate) { return _fetched.ToList(); } } }
    private readonly List<string> _fetched = new();

    internal void RecordFetch(string uri)
    {
        lock (_gate) { _fetched.Add(uri); }
    }

    internal DmtfTask Accept(string target, string version, string applyTime)
    {
        lock (_gate)
        {
            var task = new DmtfTask(++_lastId, target, version, applyTime, _clock.GetUtcNow());
            _tasks.Add(task.Id, task);
            return task;
        }
    }

    internal DmtfTask? Find(int id)
    {
        lock (_gate) { return _tasks.GetValueOrDefault(id); }
    }

    internal IReadOnlyList<DmtfTask> All()
    {
        lock (_gate) { return _tasks.Values.ToList(); }
    }

    /// <summary>True when any task has not reached a terminal state (a new push is refused with 503).</summary>
    internal bool Busy()
    {
        lock (_gate) { return _tasks.Values.Any(t => !t.IsTerminal(Phase(t))); }
    }

    /// <summary>Where a task is now: its TaskState and percent. Terminal tasks are applied by <see cref="Tick"/>.</summary>
    internal (string TaskState, int Percent) Phase(DmtfTask task)
    {
        var step = _options.Timings.FlashStepDuration;
        var elapsed = _clock.GetUtcNow() - task.Created;
        if (elapsed < step) return (_options.Dmtf.NonStandardTaskState ?? "Starting", 0);
        if (elapsed < step + step) return ("Running", 50);
        return (_options.Dmtf.TaskException ? "Exception" : "Completed", 100);
    }

    /// <summary>Applies every task that has just ended. Runs on each request, so an update finishes even when nobody polls it.</summary>
    internal void Tick()
    {
        var reboot = false;
        lock (_gate)
        {
            foreach (var task in _tasks.Values.Where(t => !t.Applied))
            {
                var (taskState, _) = Phase(task);
                if (!task.IsTerminal((taskState, 0))) continue;
                task.Applied = true;
                if (taskState != "Completed") continue;
                if (task.Target == "BIOS")
                {
                    _state.Host.BiosFlashed(task.Version);
                }
                else if (task.ApplyTime == "Immediate")
                {
                    _state.SetBmcImageVersion(_state.ActiveBmcImage, task.Version);
                    reboot = true;
                }
                else
                {
                    _pendingBmcVersion = task.Version;
                }
            }
        }
        if (reboot) _state.Reboot(_options.Timings.BmcRebootDuration);
    }

    /// <summary><c>Manager.Reset</c>: a staged BMC image activates with the reboot.</summary>
    internal void ManagerReset()
    {
        lock (_gate)
        {
            if (_pendingBmcVersion is not null)
            {
                _state.SetBmcImageVersion(_state.ActiveBmcImage, _pendingBmcVersion);
                _pendingBmcVersion = null;
            }
        }
        _state.Reboot(_options.Timings.BmcRebootDuration);
    }
}

/// <summary>One update task of the DMTF persona.</summary>
internal sealed class DmtfTask(int id, string target, string version, string applyTime, DateTimeOffset created)
{
    public int Id { get; } = id;
    public string Target { get; } = target;
    public string Version { get; } = version;
    public string ApplyTime { get; } = applyTime;
    public DateTimeOffset Created { get; } = created;
    public bool Applied { get; set; }
    /// <summary>The TaskMonitor has answered 204 (it does so once; later it answers 404).</summary>
    public bool MonitorEnded { get; set; }

    public string TaskPath => $"/redfish/v1/TaskService/Tasks/{Id}";
    public string MonitorPath => $"/redfish/v1/TaskService/TaskMonitors/{Id}";

    public bool IsTerminal((string TaskState, int Percent) phase) => phase.TaskState is "Completed" or "Exception";

    /// <summary>The update waits for a reset to take effect.</summary>
    public bool NeedsReset => Target == "BIOS" || ApplyTime != "Immediate";
}
