using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.Core.Recovery
{
    /// <summary>
    /// IPMI-over-LAN presence check without a session or credentials: the 12-byte RMCP/ASF Presence Ping (DMTF ASF 2.0,
    /// 3.2.4.3) on UDP 623. A Presence Pong with the same message tag means the BMC's IPMI stack is up.
    /// </summary>
    public static class RmcpPresencePing
    {
        private const byte PresencePing = 0x80;
        private const byte PresencePong = 0x40;
        private const int MaxDatagrams = 16;
        private static readonly byte[] RmcpAsfHeader = { 0x06, 0x00, 0xFF, 0x06, 0x00, 0x00, 0x11, 0xBE };

        /// <summary>RMCP header (version 6, reserved, sequence FF = no ACK, class 6 = ASF), ASF IANA 4542, type 0x80, tag, reserved, length 0.</summary>
        public static byte[] Ping(byte tag)
        {
            var packet = new byte[12];
            Array.Copy(RmcpAsfHeader, packet, RmcpAsfHeader.Length);
            packet[8] = PresencePing;
            packet[9] = tag;
            packet[10] = 0x00;
            packet[11] = 0x00;
            return packet;
        }

        public static bool IsPong(byte[] datagram, byte tag)
        {
            if (datagram == null || datagram.Length < 12) return false;
            for (var i = 0; i < RmcpAsfHeader.Length; i++)
            {
                if (datagram[i] != RmcpAsfHeader[i]) return false;
            }
            return datagram[8] == PresencePong && datagram[9] == tag;
        }

        /// <summary>True when a Presence Pong came back within <paramref name="timeout"/>.</summary>
        public static async Task<bool> PingAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var tag = (byte)(Environment.TickCount & 0x7F);
            using (var udp = new UdpClient(host.IndexOf(':') >= 0 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork))
            {
                try
                {
                    udp.Connect(host, port);
                    var ping = Ping(tag);
                    await udp.SendAsync(ping, ping.Length).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    return false;
                }
                using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    deadline.CancelAfter(timeout);
                    var waiting = Task.Delay(Timeout.Infinite, deadline.Token);
                    // Bounded in time by the deadline and in count by the datagrams a stray sender may slip in.
                    for (var datagram = 0; datagram < MaxDatagrams; datagram++)
                    {
                        var receive = udp.ReceiveAsync();
                        if (await Task.WhenAny(receive, waiting).ConfigureAwait(false) != receive)
                        {
                            TcpPortProbe.ObserveLater(receive);
                            cancellationToken.ThrowIfCancellationRequested();
                            return false;
                        }
                        try
                        {
                            if (IsPong((await receive.ConfigureAwait(false)).Buffer, tag)) return true;
                        }
                        catch (SocketException)
                        {
                            return false; // ICMP port unreachable: nothing listens on 623
                        }
                    }
                    return false;
                }
            }
        }
    }
}
