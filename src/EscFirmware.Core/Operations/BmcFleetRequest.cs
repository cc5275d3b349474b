using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Operations
{
    /// <summary>What every fleet operation needs: the BMCs, how to log in, how to check certificates, how long to wait.</summary>
    public sealed class BmcFleetRequest
    {
        public const int DefaultThrottleLimit = 5;

        /// <summary>The most BMCs a read-only operation works on at once: reads cost a BMC little and memory stays flat.</summary>
        public const int MaxReadThrottleLimit = 256;

        /// <summary>The most BMCs an operation that changes them works on at once: a BMC's own limits and the operator's
        /// blast radius matter more than speed.</summary>
        public const int MaxChangeThrottleLimit = 64;
        private readonly ConcurrentDictionary<BmcTarget, RedfishServiceFacts> _facts = new ConcurrentDictionary<BmcTarget, RedfishServiceFacts>();

        public BmcFleetRequest(IEnumerable<BmcTarget> targets, BmcCredential credential, TlsPolicy tls, BmcConnectionSettings? connection = null, int throttleLimit = DefaultThrottleLimit)
        {
            // The same BMC twice in one run would mean two sessions and, for updates, two flashes: keep the first.
            Targets = targets.Distinct().ToList();
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
            Tls = tls ?? throw new ArgumentNullException(nameof(tls));
            Connection = connection ?? new BmcConnectionSettings();
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit), "The throttle limit must be at least 1.");
            ThrottleLimit = throttleLimit;
        }

        public IReadOnlyList<BmcTarget> Targets { get; }
        public BmcCredential Credential { get; }
        public TlsPolicy Tls { get; }
        public BmcConnectionSettings Connection { get; }
        public int ThrottleLimit { get; }

        /// <summary>How read-only operations authenticate: HTTP Basic unless the user asks for a session.</summary>
        public RedfishAuthentication ReadAuthentication { get; set; } = RedfishAuthentication.Basic;

        /// <summary>A connection to one BMC; what its Redfish service supports is learned once per host for the whole run.</summary>
        public BmcConnection Connect(BmcTarget target, IOperationSink sink) =>
            new BmcConnection(target, Tls, Connection, TraceWriter.Debug(sink), _facts.GetOrAdd(target, _ => new RedfishServiceFacts()));

        /// <summary>The warning every operation gives once when certificates go unchecked.</summary>
        public void WarnAboutTls(IOperationSink sink)
        {
            if (Tls.SkipCertificateCheck)
            {
                sink.WriteWarning(Phrase.Of($"The BMCs' TLS certificates are not checked ({EscParameter.SkipCertificateCheck}): anyone on the path could read the credentials. Pin the certificate with {EscParameter.CertificateThumbprint} instead.").ToString());
            }
        }
    }
}
