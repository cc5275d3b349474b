using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.Tests.Recovery;

/// <summary>A loopback IPMI-over-LAN stand-in: answers every RMCP/ASF Presence Ping with a Presence Pong (same tag).</summary>
public sealed class RmcpResponder : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RmcpResponder()
    {
        Port = ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;
        _loop = Task.Run(AnswerAsync);
    }

    public int Port { get; }
    public int Pings { get; private set; }

    private async Task AnswerAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult ping;
            try
            {
                ping = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            var b = ping.Buffer;
            if (b.Length < 12 || b[8] != 0x80) continue;
            Pings++;
            var pong = new byte[28];
            Array.Copy(b, pong, 8);
            pong[8] = 0x40;
            pong[9] = b[9];
            pong[11] = 16;
            await _udp.SendAsync(pong, pong.Length, ping.RemoteEndPoint);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
