namespace EscFirmware.Core.Recovery
{
    /// <summary>What a BMC is doing, as Get-EscBmcState concludes it (rules: <see cref="BmcStateRules"/>).</summary>
    public enum BmcState
    {
        /// <summary>Redfish answers 200 and a web login works: nothing to do.</summary>
        Healthy,
        /// <summary>Latched in HPM update mode: web logins refused with 1348, Redfish 503.</summary>
        UpdateModeLocked,
        /// <summary>A flash is running (journal or Redfish UpdateStatus): wait, do not interrupt.</summary>
        UpdateInProgress,
        /// <summary>The BMC is restarting or booting: HTTPS does not answer yet, accepts connections and closes them, or Redfish
        /// answers 503 without the update-mode signature; the journal or other ports may also say it is coming back.</summary>
        Rebooting,
        /// <summary>Web logins refused with 15000: the session table is full.</summary>
        SessionTableFull,
        /// <summary>Logins refused with 1012 / Redfish AccessDenied after a burst of requests.</summary>
        AuthLockedOut,
        /// <summary>The BMC answers, but the journal says its last BIOS flash failed during (or without finishing) the SPI write.</summary>
        FlashFailed,
        /// <summary>The address answers HTTPS, but not as a Redfish service (a web page, another product's JSON).</summary>
        NotRedfish,
        /// <summary>Nothing answers and nothing says it is rebooting.</summary>
        Unreachable,
        /// <summary>The answers fit no known state (wrong credentials, mixed answers); the evidence says what was seen.</summary>
        Unknown,
    }
}
