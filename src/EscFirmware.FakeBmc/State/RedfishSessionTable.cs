using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace EscFirmware.FakeBmc;

internal sealed record RedfishSession(string Id, string Token, string UserName);

/// <summary>Redfish <c>SessionService</c> sessions; thread-safe.</summary>
internal sealed class RedfishSessionTable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, RedfishSession> _byId = new(StringComparer.Ordinal);
    private int _lastId;

    public int Count { get { lock (_gate) { return _byId.Count; } } }

    public RedfishSession Create(string userName)
    {
        lock (_gate)
        {
            var session = new RedfishSession((++_lastId).ToString(), RandomNumberGenerator.GetHexString(32), userName);
            _byId.Add(session.Id, session);
            return session;
        }
    }

    public RedfishSession? FindByToken(string token)
    {
        lock (_gate)
        {
            return _byId.Values.FirstOrDefault(s => SecretText.Matches(s.Token, token));
        }
    }

    public RedfishSession? Find(string id)
    {
        lock (_gate) { return _byId.GetValueOrDefault(id); }
    }

    public IReadOnlyList<RedfishSession> All()
    {
        lock (_gate) { return _byId.Values.ToList(); }
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
