using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace EscFirmware.FakeBmc;

/// <summary>How a request proved who it was.</summary>
public enum RequestAuth
{
    None,
    Basic,
    Token,
    WebSession,
}

/// <summary>One request as the fake saw it. Holds no password, token, cookie or CSRF token.</summary>
public sealed record RequestLogEntry(
    DateTimeOffset Time, string Method, string Path, string Query, int StatusCode, RequestAuth Auth, string ConnectionId = "")
{
    /// <summary>Login and logout calls, which every client makes and which change no BMC setting.</summary>
    public bool IsSessionLifecycle =>
        Path.Equals("/api/session", StringComparison.OrdinalIgnoreCase)
        || Path.StartsWith(SessionsPath, StringComparison.OrdinalIgnoreCase);

    public bool IsMutating => !HttpMethodsRead.Contains(Method, StringComparer.OrdinalIgnoreCase) && !IsSessionLifecycle;

    private const string SessionsPath = "/redfish/v1/SessionService/Sessions";
    private static readonly string[] HttpMethodsRead = ["GET", "HEAD"];
}

/// <summary>Every request the fake answered, in order; thread-safe.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();

    public IReadOnlyList<RequestLogEntry> Entries => _entries.ToArray();

    /// <summary>Requests that could change the BMC: not GET/HEAD, and not a session login or logout.</summary>
    public IReadOnlyList<RequestLogEntry> Mutating => Entries.Where(e => e.IsMutating).ToArray();

    public IReadOnlyList<string> Paths => Entries.Select(e => e.Path).ToArray();

    public void Clear() => _entries.Clear();

    internal void Add(RequestLogEntry entry) => _entries.Enqueue(entry);
}
