using System;
using System.Collections.Generic;

namespace EscFirmware.FakeBmc;

/// <summary>The rescue session's handle as a test writes it into a journal. Secret, like any session handle.</summary>
public sealed record FakeWebSessionHandle(string Cookie, string CsrfToken)
{
    public override string ToString() => "web session (handle hidden)";
}

/// <summary>Recovery-scenario state: the start state (<see cref="FakeBmcStartState"/>) and the authentication
/// lockout after login bursts (<see cref="FakeBmcFaults.LockoutAfterLogins"/>; spec a.1, c: ASUS web 1012,
/// Redfish <c>Base.1.12.AccessDenied</c>). Thread-safe.</summary>
public sealed class FakeBmcRecovery
{
    private const string StaleSessionUser = "idle-browser";
    // No bytes were streamed for an upload staged at start; its hash is a placeholder of the right shape.
    private static readonly string StagedAtStartSha256 = new('0', 64);
    private readonly object _gate = new();
    private readonly FakeBmcOptions _options;
    private readonly TimeProvider _clock;
    private readonly Queue<DateTimeOffset> _recentLogins = new();
    private DateTimeOffset _lockedUntil = DateTimeOffset.MinValue;

    internal FakeBmcRecovery(FakeBmcOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
    }

    /// <summary>The session <see cref="FakeBmcStartState.RescueSession"/> opened; null otherwise.</summary>
    public FakeWebSessionHandle? RescueSession { get; private set; }

    /// <summary>True while the login-burst lockout lasts.</summary>
    public bool IsLockedOut { get { lock (_gate) { return _clock.GetUtcNow() < _lockedUntil; } } }

    /// <summary>How many login attempts the lockout refused (tests prove a probe did not cause one).</summary>
    public int RefusedLogins { get; private set; }

    /// <summary>Counts one authentication attempt (web login, Redfish login, a Basic-auth request). False when the
    /// client is locked out: already, or because this attempt is one too many within the burst window.</summary>
    internal bool TryAuthenticate()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (now < _lockedUntil)
            {
                RefusedLogins++;
                return false;
            }
            var limit = _options.Faults.LockoutAfterLogins;
            if (limit <= 0)
            {
                return true;
            }
            _recentLogins.Enqueue(now);
            while (_recentLogins.Count > 0 && _recentLogins.Peek() <= now - _options.Timings.LoginBurstWindow)
            {
                _recentLogins.Dequeue();
            }
            if (_recentLogins.Count <= limit)
            {
                return true;
            }
            _recentLogins.Clear();
            _lockedUntil = now + _options.Timings.AuthLockoutDuration;
            RefusedLogins++;
            return false;
        }
    }

    /// <summary>Puts the BMC into its start state; called once the server listens (a reboot needs the listener).</summary>
    internal void ApplyStart(FakeBmcState state)
    {
        var start = _options.Start;
        var idle = _options.Timings.WebSessionIdleTimeout;
        if (start.RescueSession
            && state.WebSessions.TryCreate(_options.UserName, _options.MaxWebSessions, idle, evictSameUser: false) is { } rescue)
        {
            RescueSession = new FakeWebSessionHandle(rescue.Cookie, rescue.CsrfToken);
        }
        for (var i = 0; i < start.OpenWebSessions; i++)
        {
            state.WebSessions.TryCreate(StaleSessionUser, _options.MaxWebSessions, idle, evictSameUser: false);
        }
        if (start.UpdateModeId is { } id)
        {
            state.UpdateModeId = id;
            if (start.StagedComponentId is { } component)
            {
                state.HpmWizard.Prepare(component, start.StagedDataLength);
                state.HpmWizard.Uploaded(start.StagedDataLength, StagedAtStartSha256, null);
            }
        }
        if (start.RebootingFor > TimeSpan.Zero)
        {
            state.Reboot(start.RebootingFor);
        }
        if (start.BootingFor > TimeSpan.Zero)
        {
            state.Boot(start.BootingFor);
        }
    }
}
