using System;
using System.Globalization;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Targets
{
    /// <summary>A BMC address: a host name or IP literal with an optional HTTPS port ("bmc17", "10.0.0.5:8443", "[fe80::1]:443").</summary>
    public sealed class BmcTarget : IEquatable<BmcTarget>
    {
        public const int DefaultHttpsPort = 443;

        public BmcTarget(string host, int port = DefaultHttpsPort)
        {
            if (string.IsNullOrWhiteSpace(host)) throw InvalidAddress(host ?? string.Empty, "the host is empty");
            if (Uri.CheckHostName(host) == UriHostNameType.Unknown) throw InvalidAddress(host, "a host name has only letters, digits, '-' and '.' (no spaces)");
            if (port < 1 || port > 65535) throw InvalidAddress(host, "the port must be between 1 and 65535");
            Host = host;
            Port = port;
        }

        public string Host { get; }
        public int Port { get; }

        /// <summary>What users typed and see in results: "host" for the default port, else "host:port".</summary>
        public string DisplayName => Port == DefaultHttpsPort ? Host : HostForUri + ":" + Port.ToString(CultureInfo.InvariantCulture);

        public Uri BaseUri => new Uri("https://" + HostForUri + ":" + Port.ToString(CultureInfo.InvariantCulture) + "/");

        private string HostForUri => Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host;

        public static BmcTarget Parse(string text)
        {
            var value = (text ?? string.Empty).Trim();
            if (value.Length == 0) throw InvalidAddress(value, "the address is empty");
            if (value.IndexOf("://", StringComparison.Ordinal) >= 0) throw InvalidAddress(value, "give a host or host:port, not a URL");

            if (value[0] == '[')
            {
                var close = value.IndexOf(']');
                if (close < 0) throw InvalidAddress(value, "an IPv6 literal needs a closing ']'");
                var host = value.Substring(1, close - 1);
                var rest = value.Substring(close + 1);
                if (rest.Length == 0) return new BmcTarget(host);
                if (rest[0] != ':') throw InvalidAddress(value, "expected ':' and a port after ']'");
                return new BmcTarget(host, ParsePort(value, rest.Substring(1)));
            }

            var colon = value.IndexOf(':');
            if (colon < 0) return new BmcTarget(value);
            if (value.IndexOf(':', colon + 1) >= 0) return new BmcTarget(value); // a bare IPv6 literal
            return new BmcTarget(value.Substring(0, colon), ParsePort(value, value.Substring(colon + 1)));
        }

        private static int ParsePort(string whole, string port)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > 65535)
            {
                throw InvalidAddress(whole, "the port must be a number between 1 and 65535");
            }
            return number;
        }

        private static EscFirmwareException InvalidAddress(string value, string why) =>
            new EscFirmwareException("EscInvalidBmcAddress", ErrorKind.InvalidArgument,
                "'" + value + "' is not a valid BMC address: " + why + ".",
                recommendedAction: "Give the BMC as a host name or IP address, optionally followed by :PORT.");

        public bool Equals(BmcTarget? other) =>
            other != null && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && Port == other.Port;

        public override bool Equals(object? obj) => Equals(obj as BmcTarget);
        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Host) ^ Port;
        public override string ToString() => DisplayName;
    }
}
