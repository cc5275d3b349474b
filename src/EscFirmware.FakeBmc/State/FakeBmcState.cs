using System.Threading;
using System;
using System.Collections.Generic;

namespace EscFirmware.FakeBmc;

/// <summary>What the fake BMC knows at runtime: firmware, power, preserve flags, sessions, update mode, reboots.
/// Thread-safe; endpoints and tests read and change it concurrently.</summary>
public sealed class FakeBmcState
{
    private readonly object _gate = new();
    private readonly FakeBmcOptions _options;
    private readonly TimeProvider _clock;
    private readonly PreserveConfiguration _preserve = new();
    private string _bmcImage1Version;
    private string _bmcImage2Version;
    private int _activeBmcImage = 1;
    private string _biosVersion;
    private PowerState _powerState;
    private int? _updateModeId;
    private UpdateProgress _updateProgress = UpdateProgress.None;
    private DateTimeOffset _downUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _bootingUntil = DateTimeOffset.MinValue;
    private int _redfishRequests;
    private int _redfishLogins;

    internal FakeBmcState(FakeBmcOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        _bmcImage1Version = options.BmcVersion;
        _bmcImage2Version = options.BackupBmcVersion;
        _biosVersion = options.BiosVersion;
        _powerState = options.PowerState;
        WebSessions = new WebSessionTable(clock);
        RedfishSessions = new RedfishSessionTable(clock, options.Faults.RedfishTokenLifetime);
        Recovery = new FakeBmcRecovery(options, clock);
        HpmWizard = new HpmWizardState(this, options.Timings, clock);
        Host = new HostPowerSimulation(this, options.Timings, clock);
        RedfishUpdate = new RedfishUpdateState(this, options, clock);
        Dmtf = new DmtfUpdateState(this, options, clock);
        Ilo = new IloUpdateService(this, options, clock);
    }

    internal FakeBmcOptions Options => _options;

    /// <summary>Counts Redfish requests for <see cref="FakeBmcFaults.RedfishUnavailableFirstRequests"/>.</summary>
    internal int CountRedfishRequest() => Interlocked.Increment(ref _redfishRequests);

    /// <summary>Counts Redfish session logins for <see cref="FakeBmcFaults.RedfishUnavailableFirstLogins"/>.</summary>
    internal int CountRedfishLogin() => Interlocked.Increment(ref _redfishLogins);

    /// <summary>Raised by <see cref="Reboot"/>; the server stops listening until <see cref="DownUntil"/>.</summary>
    internal event Action? RebootRequested;

    internal RedfishSessionTable RedfishSessions { get; }
    internal WebSessionTable WebSessions { get; }
    /// <summary>The Redfish multipart update: uploads, task, simulated flash and what it did to the configuration.</summary>
    public RedfishUpdateState RedfishUpdate { get; }
    /// <summary>Updates of the generic DMTF persona: tasks, staged versions, fetched ImageURIs.</summary>
    public DmtfUpdateState Dmtf { get; }
    /// <summary>The HPE iLO persona's update service: repository, task queue, maintenance windows, install sets.</summary>
    public IloUpdateService Ilo { get; }
    /// <summary>Recovery scenarios: start state, login-burst lockout, the rescue session's handle.</summary>
    public FakeBmcRecovery Recovery { get; }

    /// <summary>The HPM wizard (<c>/api/maintenance/hpm/*</c>): component in flight, bytes received, progress, violations.</summary>
    public HpmWizardState HpmWizard { get; }
    /// <summary>Host power timing (graceful shutdown, POST) and the BIOS version a flash leaves pending.</summary>
    public HostPowerSimulation Host { get; }

    /// <summary>The running BMC firmware: the version in the active image slot.</summary>
    public string BmcVersion { get { lock (_gate) { return _activeBmcImage == 1 ? _bmcImage1Version : _bmcImage2Version; } } }
    public string BmcImage1Version { get { lock (_gate) { return _bmcImage1Version; } } }
    public string BmcImage2Version { get { lock (_gate) { return _bmcImage2Version; } } }
    /// <summary>1 or 2: the slot the BMC runs from (<c>DualImageConfigurations.ActiveImage</c>).</summary>
    public int ActiveBmcImage { get { lock (_gate) { return _activeBmcImage; } } }

    public string BiosVersion
    {
        get { lock (_gate) { return _biosVersion; } }
        set { lock (_gate) { _biosVersion = value; } }
    }

    public PowerState PowerState
    {
        get { lock (_gate) { return _powerState; } }
        set { lock (_gate) { _powerState = value; } }
    }

    /// <summary>The HPM wizard's FWUPDATEID while the BMC is latched in update mode: new web logins get 1348,
    /// Redfish answers 503, existing web sessions keep working. Null when not in update mode.</summary>
    public int? UpdateModeId
    {
        get { lock (_gate) { return _updateModeId; } }
        set { lock (_gate) { _updateModeId = value; } }
    }

    /// <summary>What <c>Oem.AMIUpdateService</c> reports about a Redfish flash in progress.</summary>
    public UpdateProgress UpdateProgress
    {
        get { lock (_gate) { return _updateProgress; } }
        set
        {
            lock (_gate)
            {
                _updateProgress = value;
                _preserve.Touch();
            }
        }
    }

    public IReadOnlyDictionary<string, bool> PreserveConfiguration { get { lock (_gate) { return _preserve.Snapshot(); } } }

    /// <summary>The UpdateService ETag; changes whenever the UpdateService resource does.</summary>
    public string UpdateServiceETag { get { lock (_gate) { return _preserve.ETag; } } }

    public int ActiveRedfishSessions => RedfishSessions.Count;
    public int ActiveWebSessions => WebSessions.Count(_options.Timings.WebSessionIdleTimeout);

    /// <summary>True while a simulated reboot keeps the BMC off the network.</summary>
    public bool IsDown => _clock.GetUtcNow() < DownUntil;
    public DateTimeOffset DownUntil { get { lock (_gate) { return _downUntil; } } }

    /// <summary>True while the BMC is still starting: its web server takes connections and closes them unanswered.</summary>
    public bool IsBooting { get { lock (_gate) { return _clock.GetUtcNow() < _bootingUntil; } } }

    /// <summary>The BMC is up on the network but its services are still starting (after a reboot or an AC cycle): for
    /// <paramref name="bootingFor"/> every connection is accepted and closed before any answer, as a real BMC's web server
    /// does while the application behind it starts.</summary>
    public void Boot(TimeSpan bootingFor) => EndSessionsUntil(ref _bootingUntil, bootingFor);

    /// <summary>Writes a BMC image slot (a finished flash); the running version changes only on activation.</summary>
    public void SetBmcImageVersion(int slot, string version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slot, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slot, 2);
        lock (_gate)
        {
            if (slot == 1)
            {
                _bmcImage1Version = version;
            }
            else
            {
                _bmcImage2Version = version;
            }
            _preserve.Touch();
        }
    }

    public void SetActiveBmcImage(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slot, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slot, 2);
        lock (_gate)
        {
            _activeBmcImage = slot;
            _preserve.Touch();
        }
    }

    /// <summary>The BMC reboots: every session ends and nothing answers for <paramref name="downFor"/>
    /// (connections refused), then it comes back on the same port. Update mode survives (spec b.4).</summary>
    public void Reboot(TimeSpan downFor)
    {
        EndSessionsUntil(ref _downUntil, downFor);
        RebootRequested?.Invoke();
    }

    /// <summary>Moves <paramref name="until"/> to now + <paramref name="span"/> unless it is later already; every session ends.</summary>
    private void EndSessionsUntil(ref DateTimeOffset until, TimeSpan span)
    {
        lock (_gate)
        {
            var end = _clock.GetUtcNow() + span;
            if (end > until) until = end;
        }
        RedfishSessions.Clear();
        WebSessions.Clear();
    }

    /// <summary>AC power drain: a reboot that also clears update mode — the only recovery when no web session survives.</summary>
    public void PowerDrain(TimeSpan downFor)
    {
        UpdateModeId = null;
        HpmWizard.Reset();
        Reboot(downFor);
    }

    internal PreservePatchResult TryPatchPreserveConfiguration(string ifMatch, IReadOnlyDictionary<string, bool> changes)
    {
        lock (_gate)
        {
            if (ifMatch != "*" && ifMatch != _preserve.ETag)
            {
                return PreservePatchResult.StaleETag;
            }
            _preserve.Set(changes);
            return PreservePatchResult.Applied;
        }
    }
}

/// <summary><c>UpdateStatus</c> (Preparing, Downloading, VerifyingFirmware, Flashing, Completed), <c>FlashPercentage</c>
/// (e.g. "88% done", "Complete") and <c>UpdateTarget</c> (BMC, BIOS); all null when no update runs (spec a.6).</summary>
public sealed record UpdateProgress(string? UpdateStatus, string? FlashPercentage, string? UpdateTarget)
{
    public static readonly UpdateProgress None = new(null, null, null);
}

internal enum PreservePatchResult
{
    Applied,
    StaleETag,
}
