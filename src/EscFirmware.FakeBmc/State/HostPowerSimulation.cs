using System;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.FakeBmc;

/// <summary>How the host answers power requests and what <c>BiosVersion</c> reads around a BIOS flash (spec a.6, f):
/// GracefulShutdown takes <see cref="FakeBmcTimings.GracefulShutdownDuration"/>, ForceOff is immediate; a flashed BIOS
/// leaves <c>BiosVersion</c> stale while the host stays off, reads empty during the first POST
/// (<see cref="FakeBmcTimings.BiosPostDuration"/>) and then flips to the new version. Thread-safe.</summary>
public sealed class HostPowerSimulation
{
    private readonly object _gate = new();
    private readonly FakeBmcState _state;
    private readonly FakeBmcTimings _timings;
    private readonly TimeProvider _clock;
    private int _generation;
    private string? _pendingBiosVersion;
    private bool _inPost;
    private bool _shuttingDown;
    private string _versionBeforePost = "";

    internal HostPowerSimulation(FakeBmcState state, FakeBmcTimings timings, TimeProvider clock)
    {
        _state = state;
        _timings = timings;
        _clock = clock;
    }

    /// <summary>A BIOS version that was flashed and shows only after the next POST; null when none waits.</summary>
    public string? PendingBiosVersion { get { lock (_gate) { return _pendingBiosVersion; } } }

    /// <summary>True while a graceful shutdown is under way (the host still reads On).</summary>
    public bool ShuttingDown { get { lock (_gate) { return _shuttingDown; } } }

    /// <summary>True during the first POST after a BIOS flash (<c>BiosVersion</c> reads empty).</summary>
    public bool InPost { get { lock (_gate) { return _inPost; } } }

    /// <summary>Applies a <c>ComputerSystem.Reset</c> ResetType.</summary>
    public void Reset(string resetType)
    {
        switch (resetType)
        {
            case "ForceOff":
                PowerOff();
                break;
            case "GracefulShutdown":
                GracefulShutdown();
                break;
            default:
                PowerOn();
                break;
        }
    }

    /// <summary>The BMC's power-restore policy (or a person at the front panel) turns the host on.</summary>
    public void PowerOnByPolicy() => PowerOn();

    /// <summary>An activated BIOS flash: the new version shows after the next POST.</summary>
    internal void BiosFlashed(string version)
    {
        lock (_gate) { _pendingBiosVersion = version; }
    }

    private void GracefulShutdown()
    {
        int generation;
        lock (_gate)
        {
            if (_state.PowerState == PowerState.Off)
            {
                return;
            }
            generation = ++_generation;
            _shuttingDown = true;
        }
        After(_timings.GracefulShutdownDuration, generation, HostOff);
    }

    private void PowerOff()
    {
        lock (_gate)
        {
            ++_generation;
            HostOff();
        }
    }

    /// <summary>Called under the lock. A POST cut short leaves the old (stale) version showing.</summary>
    private void HostOff()
    {
        _shuttingDown = false;
        if (_inPost)
        {
            _inPost = false;
            _state.BiosVersion = _versionBeforePost;
        }
        _state.PowerState = PowerState.Off;
    }

    private void PowerOn()
    {
        int generation;
        string? flashed;
        lock (_gate)
        {
            generation = ++_generation;
            _shuttingDown = false;
            _state.PowerState = PowerState.On;
            flashed = _pendingBiosVersion;
            if (flashed is not null && !_inPost)
            {
                _inPost = true;
                _versionBeforePost = _state.BiosVersion;
                _state.BiosVersion = "";
            }
        }
        _state.HpmWizard.HostPoweredOn();
        if (flashed is not null)
        {
            After(_timings.BiosPostDuration, generation, () =>
            {
                _inPost = false;
                _state.BiosVersion = flashed;
                _pendingBiosVersion = null;
            });
        }
    }

    /// <summary>Runs <paramref name="apply"/> after <paramref name="delay"/> unless another power action came first.</summary>
    private void After(TimeSpan delay, int generation, Action apply) =>
        _ = Task.Delay(delay, _clock, CancellationToken.None).ContinueWith(_ =>
        {
            lock (_gate)
            {
                if (generation == _generation)
                {
                    apply();
                }
            }
        }, TaskScheduler.Default);
}
