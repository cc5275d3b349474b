using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.Core.Recovery
{
    /// <summary>What one port said.</summary>
    public enum PortAnswer
    {
        Open,
        /// <summary>Actively refused (the host is up, the service is not).</summary>
        Refused,
        /// <summary>No answer within the timeout.</summary>
        Silent,
    }

    /// <summary>A bounded TCP connect (SSH, KVM): connects and closes at once, sends nothing.</summary>
    public static class TcpPortProbe
    {
        public static async Task<PortAnswer> ProbeAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using (var client = new TcpClient())
            {
                var connect = client.ConnectAsync(host, port);
                var finished = await Task.WhenAny(connect, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (finished != connect)
                {
                    ObserveLater(connect);
                    return PortAnswer.Silent;
                }
                try
                {
                    await connect.ConfigureAwait(false);
                    return PortAnswer.Open;
                }
                catch (SocketException refused) when (refused.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    return PortAnswer.Refused;
                }
                catch (SocketException)
                {
                    return PortAnswer.Silent;
                }
            }
        }

        /// <summary>The abandoned connect fails once the client is disposed; its exception must not go unobserved.</summary>
        internal static void ObserveLater(Task task) => task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
    }
}
