using System;
using System.IO;
using System.Net.Sockets;
using System.Security.Authentication;
using RestSharp;

namespace EscFirmware.Core.Transport
{
    /// <summary>Why a request got no HTTP answer: each points somewhere else (a dead host, a starting BMC, a wrong port).</summary>
    internal enum NoAnswer
    {
        /// <summary>The connection was refused: the host is up, nothing listens on the port.</summary>
        Refused,
        /// <summary>Nothing within the timeout: no route, powered off, or a firewall.</summary>
        TimedOut,
        /// <summary>The port took the connection and closed it before any answer: a web server that is starting.</summary>
        ClosedWithoutAnswer,
        /// <summary>The port answered the TLS handshake with plain HTTP.</summary>
        PlainHttp,
        /// <summary>Another TLS failure.</summary>
        Tls,
        Other,
    }

    internal static class NoAnswerKind
    {
        public static NoAnswer Of(RestResponse response) =>
            response.ResponseStatus == ResponseStatus.TimedOut ? NoAnswer.TimedOut : Of(response.ErrorException);

        public static NoAnswer Of(Exception? failure)
        {
            for (var cause = failure; cause != null; cause = cause.InnerException)
            {
                if (cause is SocketException socket)
                {
                    if (socket.SocketErrorCode == SocketError.ConnectionRefused) return NoAnswer.Refused;
                    if (socket.SocketErrorCode == SocketError.TimedOut) return NoAnswer.TimedOut;
                    if (socket.SocketErrorCode == SocketError.ConnectionReset) return NoAnswer.ClosedWithoutAnswer;
                }
                // SslStream reading "HTTP/1.1 400 ..." where a TLS record belongs: the port speaks plain HTTP.
                if (cause is AuthenticationException tls)
                {
                    return tls.Message.IndexOf("frame", StringComparison.OrdinalIgnoreCase) >= 0 ? NoAnswer.PlainHttp : NoAnswer.Tls;
                }
                if (cause is TimeoutException) return NoAnswer.TimedOut;
            }
            for (var cause = failure; cause != null; cause = cause.InnerException)
            {
                // "The response ended prematurely", "Received an unexpected EOF or 0 bytes from the transport stream".
                if (cause is IOException) return NoAnswer.ClosedWithoutAnswer;
            }
            return NoAnswer.Other;
        }
    }
}
