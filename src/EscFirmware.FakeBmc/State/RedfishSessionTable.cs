using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace EscFirmware.FakeBmc;

internal sealed record RedfishSession(string Id, string Token, string UserName, DateTimeOffset CreatedAt);

/// <summary>Redfish <c>SessionService</c> sessions; thread-safe. With a token lifetime, a session ends (is forgotten)
/// that long after its creation, as BMCs with short-lived tokens do (spec hpm-and-safety 6 #4).</summary>
internal sealed class RedfishSessionTable(TimeProvider clock, TimeSpan? tokenLifetime)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, RedfishSession> _byId = new(StringComparer.Ordinal);
    private int _lastId;

    public int Count { get { lock (_gate) { Expire(); return _byId.Count; } } }

    public RedfishSession Create(string userName)
    {
        lock (_gate)
        {
            var session = new RedfishSession((++_lastId).ToString(), RandomNumberGenerator.GetHexString(32), userName, clock.GetUtcNow());
            _byId.Add(session.Id, session);
            return session;
        }
    }

    public RedfishSession? FindByToken(string token)
    {
        lock (_gate)
        {
            Expire();
            return _byId.Values.FirstOrDefault(s => SecretText.Matches(s.Token, token));
        }
    }

    public RedfishSession? Find(string id)
    {
        lock (_gate) { Expire(); return _byId.GetValueOrDefault(id); }
    }

    public IReadOnlyList<RedfishSession> All()
    {
        lock (_gate) { Expire(); return _byId.Values.ToList(); }
    }

    private void Expire()
    {
        if (tokenLifetime is not { } lifetime) return;
        var now = clock.GetUtcNow();
        foreach (var dead in _byId.Values.Where(s => now - s.CreatedAt >= lifetime).ToList()) _byId.Remove(dead.Id);
    }

    public bool Remove(string id)
    {
        lock (_gate) { return _byId.Remove(id); }
    }

    public void Clear()
    {
        lock (_gate) { _byId.Clear(); }
    }
}
