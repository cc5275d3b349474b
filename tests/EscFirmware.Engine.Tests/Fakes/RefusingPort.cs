using System;
using System.Net;
using System.Net.Sockets;

namespace EscFirmware.Engine.Tests.Fakes
{
    /// <summary>
    /// A loopback port that refuses every connection: bound, so no fake started meanwhile can take it (a released port
    /// can be handed to the next listener while a client still retries it), and never listening.
    /// </summary>
    internal sealed class RefusingPort : IDisposable
    {
        private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        public RefusingPort()
        {
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            Address = "127.0.0.1:" + ((IPEndPoint)_socket.LocalEndPoint!).Port;
        }

        public string Address { get; }

        public void Dispose() => _socket.Dispose();
    }
}
