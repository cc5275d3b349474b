namespace EscFirmware.Core.Sessions
{
    /// <summary>How read-only operations authenticate to Redfish.</summary>
    public enum RedfishAuthentication
    {
        /// <summary>HTTP Basic on every request: no login or logout round trip and no slot in the BMC's small session
        /// table. Falls back to a session where the service does not take Basic.</summary>
        Basic,

        /// <summary>A Redfish session (login, X-Auth-Token, logout), for services or policies that want one.</summary>
        Session,
    }
}
