using System;
using System.Collections.Generic;

namespace EscFirmware.FakeBmc;

/// <summary>Where the HPM wizard stands (spec b.5): Idle → UpdateMode → Prepared → Uploaded → Flashing → Flashed →
/// Verifying → Verified → Activated, and back to Idle on <c>exitupdatemode</c> or an AC power drain.</summary>
public enum HpmWizardPhase
{
    Idle,
    UpdateMode,
    Prepared,
    Uploaded,
    Flashing,
    FlashFailed,
    Flashed,
    Verifying,
    Verified,
    Activated,
}

/// <summary>The AMI HPM wizard (<c>/api/maintenance/hpm/*</c>) of the fake BMC: the component in flight, the bytes it
/// received, the SPI-write and verification progress, and every safety violation a client committed. Thread-safe.
/// Update mode itself is <see cref="FakeBmcState.UpdateModeId"/>: a test may latch it directly and the wizard follows.</summary>
public sealed class HpmWizardState
{
    private readonly object _gate = new();
    private readonly FakeBmcState _state;
    private readonly FakeBmcTimings _timings;
    private readonly TimeProvider _clock;
    private readonly List<string> _violations = [];
    private HpmWizardPhase _phase = HpmWizardPhase.Idle;
    private int? _componentId;
    private long? _componentDataLength;
    private long _receivedLength;
    private string? _receivedSha256;
    private DateTimeOffset _flashStarted;
    private DateTimeOffset _verifyStarted;
    private int _flashCount;
    private int _exitCount;
    private bool _biosSettingsSaved;
    private int _quietPolls;
    private (string Version, string? EarliestCompatible)? _receivedBiosId;
    private int _incompatibleRefusals;

    internal HpmWizardState(FakeBmcState state, FakeBmcTimings timings, TimeProvider clock)
    {
        _state = state;
        _timings = timings;
        _clock = clock;
    }

    /// <summary>The phase; Idle whenever the BMC is not in update mode.</summary>
    public HpmWizardPhase Phase
    {
        get
        {
            lock (_gate)
            {
                return Current();
            }
        }
    }

    public int? ComponentId { get { lock (_gate) { return _componentId; } } }
    public long? ComponentDataLength { get { lock (_gate) { return _componentDataLength; } } }
    /// <summary>How many bytes the last complete component upload carried.</summary>
    public long ReceivedLength { get { lock (_gate) { return _receivedLength; } } }
    /// <summary>SHA-256 (upper-case hex) of the last complete component upload; null before one.</summary>
    public string? ReceivedSha256 { get { lock (_gate) { return _receivedSha256; } } }
    /// <summary>How many <c>hpm/flash</c> calls started an SPI write.</summary>
    public int FlashCount { get { lock (_gate) { return _flashCount; } } }
    /// <summary>How many <c>exitupdatemode</c> calls ended update mode.</summary>
    public int ExitCount { get { lock (_gate) { return _exitCount; } } }
    /// <summary>Whether <c>biosSaveSetting</c> asked to keep the BIOS settings across the flash.</summary>
    public bool BiosSettingsSaved { get { lock (_gate) { return _biosSettingsSaved; } } }

    /// <summary>Safety rules a client broke (a BIOS write with the host on, update mode entered twice, update mode left
    /// during the SPI write, the host powered on during it). A correct client leaves this empty.</summary>
    public IReadOnlyList<string> Violations { get { lock (_gate) { return _violations.ToArray(); } } }

    internal void RecordViolation(string violation)
    {
        lock (_gate) { _violations.Add(violation); }
    }

    internal int NextQuietPoll() => System.Threading.Interlocked.Increment(ref _quietPolls);

    internal void SaveBiosSettings()
    {
        lock (_gate) { _biosSettingsSaved = true; }
    }

    /// <summary>Enters update mode with a new FWUPDATEID, or returns null (and records a violation) when it already is.</summary>
    internal int? EnterUpdateMode()
    {
        lock (_gate)
        {
            if (_state.UpdateModeId is int active)
            {
                _violations.Add($"update mode entered while update mode {active} was active");
                return null;
            }
            var id = Random.Shared.Next(1, 0x10000);
            _state.UpdateModeId = id;
            _phase = HpmWizardPhase.UpdateMode;
            _componentId = null;
            _componentDataLength = null;
            return id;
        }
    }

    internal bool IsActiveId(int id) => _state.UpdateModeId == id;

    internal HpmWizardPhase Prepare(int componentId, long dataLength)
    {
        lock (_gate)
        {
            var phase = Current();
            if (phase is HpmWizardPhase.UpdateMode or HpmWizardPhase.Prepared)
            {
                _componentId = componentId;
                _componentDataLength = dataLength;
                _phase = HpmWizardPhase.Prepared;
            }
            return phase;
        }
    }

    internal void Uploaded(long length, string sha256, (string Version, string? EarliestCompatible)? biosId)
    {
        lock (_gate)
        {
            _receivedLength = length;
            _receivedSha256 = sha256;
            _receivedBiosId = biosId;
            _phase = HpmWizardPhase.Uploaded;
        }
    }

    /// <summary>The BIOS identity block of the last complete upload (<see cref="SupportSite.FakeBiosId"/>); null when it had none.</summary>
    public (string Version, string? EarliestCompatible)? ReceivedBiosId { get { lock (_gate) { return _receivedBiosId; } } }

    /// <summary>How many uploads were refused because the running BIOS is older than the image's earliest compatible one.</summary>
    public int IncompatibleRefusals { get { lock (_gate) { return _incompatibleRefusals; } } }

    internal void RefusedAsIncompatible()
    {
        lock (_gate) { _incompatibleRefusals++; }
    }

    /// <summary>Starts the SPI write; a violation when the host is on. Returns the phase it was called in.</summary>
    internal HpmWizardPhase StartFlash()
    {
        lock (_gate)
        {
            var phase = Current();
            if (phase != HpmWizardPhase.Uploaded)
            {
                return phase;
            }
            if (_state.PowerState == PowerState.On)
            {
                _violations.Add($"hpm/flash of component {_componentId} while the host was on");
            }
            _phase = HpmWizardPhase.Flashing;
            _flashStarted = _clock.GetUtcNow();
            _flashCount++;
            return phase;
        }
    }

    /// <summary>The SPI write's <c>PROGRESS</c>: rising with time to 100, or -1 once it reaches
    /// <paramref name="failAtPercent"/>; null when no write was started (answer 1442).</summary>
    internal int? FlashProgress(int? failAtPercent)
    {
        lock (_gate)
        {
            switch (Current())
            {
                case HpmWizardPhase.Flashing:
                    var progress = Percent(_flashStarted, _timings.HpmFlashDuration);
                    if (failAtPercent is int fail && progress >= fail)
                    {
                        _phase = HpmWizardPhase.FlashFailed;
                        return -1;
                    }
                    if (progress >= 100)
                    {
                        _phase = HpmWizardPhase.Flashed;
                    }
                    return progress;
                case HpmWizardPhase.FlashFailed:
                    return -1;
                case HpmWizardPhase.Flashed or HpmWizardPhase.Verifying or HpmWizardPhase.Verified or HpmWizardPhase.Activated:
                    return 100;
                default:
                    return null;
            }
        }
    }

    /// <summary>How long the SPI write has run; null when none runs.</summary>
    internal TimeSpan? FlashElapsed()
    {
        lock (_gate)
        {
            return Current() == HpmWizardPhase.Flashing ? _clock.GetUtcNow() - _flashStarted : null;
        }
    }

    internal bool StartVerify()
    {
        lock (_gate)
        {
            FlashProgressUnlocked();
            if (Current() is not (HpmWizardPhase.Flashed or HpmWizardPhase.Verifying))
            {
                return false;
            }
            _phase = HpmWizardPhase.Verifying;
            _verifyStarted = _clock.GetUtcNow();
            return true;
        }
    }

    internal int? VerifyProgress()
    {
        lock (_gate)
        {
            switch (Current())
            {
                case HpmWizardPhase.Verifying:
                    var progress = Percent(_verifyStarted, _timings.HpmVerifyDuration);
                    if (progress >= 100)
                    {
                        _phase = HpmWizardPhase.Verified;
                    }
                    return progress;
                case HpmWizardPhase.Verified or HpmWizardPhase.Activated:
                    return 100;
                default:
                    return null;
            }
        }
    }

    /// <summary>Activates a verified component; returns its COMPONENT_ID, or null when nothing verified waits.</summary>
    internal int? Activate(int componentId)
    {
        lock (_gate)
        {
            VerifyProgressUnlocked();
            if (Current() != HpmWizardPhase.Verified || _componentId != componentId)
            {
                return null;
            }
            _phase = HpmWizardPhase.Activated;
            return _componentId;
        }
    }

    /// <summary>Leaves update mode; leaving it during the SPI write is a violation (it corrupts the flash).</summary>
    internal void Exit()
    {
        lock (_gate)
        {
            FlashProgressUnlocked();
            if (Current() == HpmWizardPhase.Flashing)
            {
                _violations.Add($"update mode exited while the SPI write of component {_componentId} was running");
            }
            _state.UpdateModeId = null;
            _phase = HpmWizardPhase.Idle;
            _exitCount++;
        }
    }

    /// <summary>The host was powered on; during the SPI write that is a violation.</summary>
    internal void HostPoweredOn()
    {
        lock (_gate)
        {
            FlashProgressUnlocked();
            if (Current() == HpmWizardPhase.Flashing)
            {
                _violations.Add($"host powered on while the SPI write of component {_componentId} was running");
            }
        }
    }

    /// <summary>AC power drain: the wizard forgets everything (update mode is cleared by the drain itself).</summary>
    internal void Reset()
    {
        lock (_gate)
        {
            _phase = HpmWizardPhase.Idle;
            _componentId = null;
            _componentDataLength = null;
        }
    }

    private void FlashProgressUnlocked()
    {
        if (_phase == HpmWizardPhase.Flashing && Percent(_flashStarted, _timings.HpmFlashDuration) >= 100)
        {
            _phase = HpmWizardPhase.Flashed;
        }
    }

    private void VerifyProgressUnlocked()
    {
        if (_phase == HpmWizardPhase.Verifying && Percent(_verifyStarted, _timings.HpmVerifyDuration) >= 100)
        {
            _phase = HpmWizardPhase.Verified;
        }
    }

    private HpmWizardPhase Current()
    {
        if (_state.UpdateModeId is null)
        {
            return HpmWizardPhase.Idle;
        }
        // Latched by a test (or another process) without the wizard: plain update mode.
        return _phase == HpmWizardPhase.Idle ? HpmWizardPhase.UpdateMode : _phase;
    }

    private int Percent(DateTimeOffset started, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return 100;
        }
        var fraction = (_clock.GetUtcNow() - started) / duration;
        return (int)Math.Clamp(fraction * 100, 0, 100);
    }
}
