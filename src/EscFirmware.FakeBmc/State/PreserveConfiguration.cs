using System;
using System.Collections.Generic;
using System.Linq;

namespace EscFirmware.FakeBmc;

/// <summary>
/// <c>Oem.AMIUpdateService.PreserveConfiguration</c>: the 14 keys an ESC8000-E12P returns, all false by default
/// (spec a.6), with the UpdateService ETag that changes whenever they do. Not thread-safe; the state locks.
/// </summary>
internal sealed class PreserveConfiguration
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "Authentication", "EXTLOG", "FRU", "IPMI", "KVM", "NTP", "Network",
        "REDFISH", "SDR", "SEL", "SNMP", "SSH", "Syslog", "WEB",
    ];

    private readonly Dictionary<string, bool> _flags = Keys.ToDictionary(k => k, _ => false, StringComparer.Ordinal);
    private int _revision = 1;

    public string ETag => $"W/\"{_revision}\"";

    public IReadOnlyDictionary<string, bool> Snapshot() => new Dictionary<string, bool>(_flags, StringComparer.Ordinal);

    public static bool IsKnown(string key) => Keys.Contains(key, StringComparer.Ordinal);

    public void Set(IReadOnlyDictionary<string, bool> changes)
    {
        foreach (var (key, value) in changes)
        {
            _flags[key] = value;
        }
        _revision++;
    }

    public void Touch() => _revision++;
}
