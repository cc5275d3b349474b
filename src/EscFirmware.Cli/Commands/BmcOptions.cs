using System;
using System.CommandLine;
using System.Linq;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;

namespace EscFirmware.Cli.Commands
{
    /// <summary>
    /// The options every BMC verb shares (the twins of the cmdlets' common parameters). The password never comes from
    /// an argument: it is read from ESC_BMC_PASSWORD or, with --password-stdin, from the first line of standard input.
    /// </summary>
    internal sealed class BmcOptions
    {
        public const string PasswordVariable = "ESC_BMC_PASSWORD";
        private readonly int _maxThrottle;

        /// <param name="maxThrottle">The highest --throttle the verb takes: read-only verbs <see cref="BmcFleetRequest.MaxReadThrottleLimit"/>, verbs that change BMCs <see cref="BmcFleetRequest.MaxChangeThrottleLimit"/>.</param>
        public BmcOptions(int maxThrottle = BmcFleetRequest.MaxChangeThrottleLimit)
        {
            _maxThrottle = maxThrottle;
            Throttle = new Option<int>("--throttle")
            {
                Description = "How many BMCs to work on at once (1-" + maxThrottle.ToString(System.Globalization.CultureInfo.InvariantCulture) + ").",
                DefaultValueFactory = _ => BmcFleetRequest.DefaultThrottleLimit,
            };
        }

        public Option<string[]> Bmc { get; } = new Option<string[]>("--bmc")
        {
            Description = "A BMC address (host or host:port); repeat for several.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };

        public Option<string> User { get; } = new Option<string>("--user") { Description = "BMC user name.", DefaultValueFactory = _ => "admin" };
        public Option<bool> PasswordStdin { get; } = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (else from " + PasswordVariable + ")." };
        public Option<bool> SkipCertificateCheck { get; } = new Option<bool>("--skip-certificate-check") { Description = "Accept any BMC certificate (labs only)." };
        public Option<string[]> CertificateThumbprint { get; } = new Option<string[]>("--certificate-thumbprint")
        {
            Description = "Accept exactly the BMC certificate with this SHA-256 thumbprint; repeat to pin each BMC of a fleet.",
            AllowMultipleArgumentsPerToken = true,
        };
        public Option<int> Throttle { get; }
        public Option<int> TimeoutSec { get; } = new Option<int>("--timeout-sec") { Description = "How long one request may take, in seconds.", DefaultValueFactory = _ => 30 };
        public Option<bool> Json { get; } = new Option<bool>("--json") { Description = "Print one JSON array with an object per host." };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Bmc, User, PasswordStdin, SkipCertificateCheck, CertificateThumbprint, Throttle, TimeoutSec, Json })
            {
                command.Options.Add(option);
            }
        }

        public BmcFleetRequest BuildRequest(ParseResult parse, CliContext context, Func<TimeSpan, BmcConnectionSettings>? settings = null)
        {
            var throttle = parse.GetValue(Throttle);
            if (throttle < 1 || throttle > _maxThrottle)
            {
                throw new UsageException("--throttle must be between 1 and " + _maxThrottle.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + (_maxThrottle < BmcFleetRequest.MaxReadThrottleLimit ? " for a verb that changes BMCs (read-only verbs such as 'version' take up to " + BmcFleetRequest.MaxReadThrottleLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")." : "."));
            }
            var timeout = parse.GetValue(TimeoutSec);
            if (timeout < 1 || timeout > 3600) throw new UsageException("--timeout-sec must be between 1 and 3600.");
            var targets = (parse.GetValue(Bmc) ?? Array.Empty<string>()).Select(ParseTarget).ToList();
            var tls = Guard(() => TlsPolicy.From(parse.GetValue(SkipCertificateCheck), parse.GetValue(CertificateThumbprint)));
            var credential = BmcCredential.FromPlainText(parse.GetValue(User) ?? "admin", ReadPassword(parse, context));
            var connection = (settings ?? BmcConnectionSettings.WithRequestTimeout)(TimeSpan.FromSeconds(timeout));
            return new BmcFleetRequest(targets, credential, tls, connection, throttle);
        }

        private static BmcTarget ParseTarget(string text) => Guard(() => BmcTarget.Parse(text));

        private string ReadPassword(ParseResult parse, CliContext context)
        {
            if (parse.GetValue(PasswordStdin))
            {
                var line = context.In.ReadLine();
                if (string.IsNullOrEmpty(line)) throw new UsageException("--password-stdin was given but standard input had no password line.");
                return line!;
            }
            var fromEnvironment = context.Environment(PasswordVariable);
            if (string.IsNullOrEmpty(fromEnvironment))
            {
                throw new UsageException("no password: set " + PasswordVariable + " or pass --password-stdin (a password is never taken as an argument).");
            }
            return fromEnvironment!;
        }

        private static T Guard<T>(Func<T> parse)
        {
            try
            {
                return parse();
            }
            catch (EscFirmwareException invalid)
            {
                throw new UsageException(invalid.Message + (invalid.RecommendedAction != null ? " " + invalid.RecommendedAction : string.Empty));
            }
        }
    }
}
