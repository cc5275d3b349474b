using System;
using System.Collections.Generic;
using EscFirmware.Core.State;

namespace EscFirmware.Core.Recovery
{
    /// <summary>How the web login of a probe ended.</summary>
    public enum WebLoginOutcome
    {
        NotTried,
        Succeeded,
        /// <summary>An AMI error body with a code (1348, 15000, 1012, bad credentials …).</summary>
        Refused,
        NoAnswer,
    }

    /// <summary>Whether the rescue session the journal recorded still works.</summary>
    public enum RescueSessionOutcome
    {
        NoneRecorded,
        Alive,
        Dead,
        NoAnswer,
    }

    /// <summary>Everything one probe saw, as facts; <see cref="BmcStateRules"/> turns them into a state.</summary>
    public sealed class BmcObservations
    {
        public string ComputerName { get; set; } = string.Empty;
        public DateTimeOffset CheckedAt { get; set; }

        /// <summary>The unauthenticated <c>GET /redfish/v1</c>: the HTTP status, or null when nothing answered.</summary>
        public int? RedfishRootStatus { get; set; }
        /// <summary>The authenticated Redfish GET (Basic auth, no session): the status, or null when not tried or no answer.</summary>
        public int? RedfishAuthStatus { get; set; }
        public bool RedfishAccessDenied { get; set; }
        /// <summary>Which Redfish answered the authenticated read (null when it was not read): only AMI/ASUS BMCs have the
        /// HPM-wizard web API and its update mode.</summary>
        public Redfish.RedfishDialect? Dialect { get; set; }
        /// <summary><c>Oem.AMIUpdateService.UpdateStatus</c> (Preparing, Downloading, VerifyingFirmware, Flashing …).</summary>
        public string? RedfishUpdateStatus { get; set; }

        /// <summary>The Redfish update's target (BMC, BIOS) while one runs.</summary>
        public string? RedfishUpdateTarget { get; set; }

        /// <summary>What answered <c>GET /redfish/v1</c> with 200 instead of a Redfish service root ("an HTML page"); null when Redfish did.</summary>
        public string? NotRedfish { get; set; }

        /// <summary>HTTPS took the connection and closed it without an answer: a web server that is starting.</summary>
        public bool HttpsAcceptsThenCloses { get; set; }

        /// <summary>HTTPS answered the first request of the probe and not a later one: services coming and going.</summary>
        public bool HttpsWentSilent { get; set; }

        public WebLoginOutcome WebLogin { get; set; }
        public int? WebLoginCode { get; set; }

        public RescueSessionOutcome RescueSession { get; set; }

        /// <summary><c>hpm/upgradestatus</c> PROGRESS read through the rescue session (-1 failed, 100 written); null when not read.</summary>
        public int? WizardFlashProgress { get; set; }
        /// <summary><c>hpm/upgradestatus</c> answered 1442: no flash was started.</summary>
        public bool WizardFlashNotStarted { get; set; }

        public PortAnswer? Ssh { get; set; }
        public PortAnswer? Kvm { get; set; }
        public bool? IpmiPong { get; set; }

        /// <summary>The journal entry, when one exists and could be read.</summary>
        public UpdateJournalEntry? Journal { get; set; }

        public List<string> Evidence { get; } = new List<string>();
    }
}
