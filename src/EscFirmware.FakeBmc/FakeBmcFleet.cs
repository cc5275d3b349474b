using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.FakeBmc;

/// <summary>N independent fake BMCs, one port each, for <c>escfw simulate</c>, <c>escfw demo</c> and fleet tests.</summary>
public sealed class FakeBmcFleet : IAsyncDisposable
{
    private readonly List<FakeBmcServer> _servers;

    private FakeBmcFleet(List<FakeBmcServer> servers) => _servers = servers;

    public IReadOnlyList<FakeBmcServer> Servers => _servers;

    /// <summary>Starts <paramref name="count"/> BMCs on <paramref name="basePort"/>, +1, +2 … (random free ports when
    /// 0), each with its own state and certificate and <paramref name="template"/>'s settings. If one cannot start,
    /// those already started are stopped and the error is thrown.</summary>
    public static async Task<FakeBmcFleet> StartAsync(
        int count, int basePort, FakeBmcOptions? template = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(basePort);
        if (basePort != 0 && basePort + count - 1 > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Ports {basePort}..{basePort + count - 1} run past 65535.");
        }
        template ??= new FakeBmcOptions();
        var servers = new List<FakeBmcServer>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                servers.Add(await FakeBmcServer.StartAsync(template with { Port = basePort == 0 ? 0 : basePort + i }, ct));
            }
        }
        catch
        {
            await new FakeBmcFleet(servers).DisposeAsync();
            throw;
        }
        return new FakeBmcFleet(servers);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        _servers.Clear();
    }
}
