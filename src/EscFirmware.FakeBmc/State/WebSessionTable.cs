using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace EscFirmware.FakeBmc;

internal sealed class WebSession(int id, string cookie, string csrfToken, string userName, DateTimeOffset now)
{
    public int Id { get; } = id;
    public string Cookie { get; } = cookie;
    public string CsrfToken { get; } = csrfToken;
    public string UserName { get; } = userName;
    public DateTimeOffset LastUsed { get; set; } = now;
}

/// <summary>The AMI web session table (<c>QSESSIONID</c> cookie + <c>X-CSRFTOKEN</c>); thread-safe.</summary>
internal sealed class WebSessionTable(TimeProvider clock)
{
    private const string CsrfAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly object _gate = new();
    private readonly List<WebSession> _sessions = [];
    private int _lastId;

    public int Count(TimeSpan idleTimeout)
    {
        lock (_gate)
        {
            Expire(idleTimeout);
            return _sessions.Count;
        }
    }

    /// <summary>A new session, or null when the table already holds <paramref name="capacity"/> sessions.</summary>
    public WebSession? TryCreate(string userName, int capacity, TimeSpan idleTimeout, bool evictSameUser)
    {
        lock (_gate)
        {
            Expire(idleTimeout);
            if (evictSameUser)
            {
                _sessions.RemoveAll(s => s.UserName == userName);
            }
            if (_sessions.Count >= capacity)
            {
                return null;
            }
            var session = new WebSession(
                ++_lastId,
                RandomNumberGenerator.GetHexString(32, lowercase: true),
                RandomNumberGenerator.GetString(CsrfAlphabet, 8),
                userName,
                clock.GetUtcNow());
            _sessions.Add(session);
            return session;
        }
    }

    /// <summary>The session the cookie names if the CSRF token matches it; marks it used.</summary>
    public WebSession? Authenticate(string cookie, string csrfToken, TimeSpan idleTimeout)
    {
        lock (_gate)
        {
            Expire(idleTimeout);
            var session = _sessions.FirstOrDefault(s => s.Cookie == cookie);
            if (session is null || !SecretText.Matches(session.CsrfToken, csrfToken))
            {
                return null;
            }
            session.LastUsed = clock.GetUtcNow();
            return session;
        }
    }

    public void Remove(WebSession session)
    {
        lock (_gate) { _sessions.Remove(session); }
    }

    public void Clear()
    {
        lock (_gate) { _sessions.Clear(); }
    }

    private void Expire(TimeSpan idleTimeout)
    {
        var cutoff = clock.GetUtcNow() - idleTimeout;
        _sessions.RemoveAll(s => s.LastUsed < cutoff);
    }
}
