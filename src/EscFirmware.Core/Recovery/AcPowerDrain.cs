using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Recovery
{
    /// <summary>The last resort for a BMC latched in update mode with no web session left (spec b.4).</summary>
    public static class AcPowerDrain
    {
        public static Phrase Remedy(string host) =>
            Phrase.Of($"Only an AC power drain gets {host} out of update mode now: switch off both PSU power cords (or both PDU outlets) of the server, ")
            + "wait 30 seconds, switch them back on. The BMC answers again after about 3 minutes; the host then follows its power-restore policy. "
            + Phrase.Of($"Afterwards run {EscCommand.GetBmcState.For(host)} and repeat the interrupted update.");

        public static string WhyNoRemoteExit =>
            "In update mode the BMC refuses every new login (code 1348) and Redfish answers 503, and exitupdatemode needs a logged-in web session; "
            + "no session from before the lock survives, so there is no remote way to send it.";
    }
}
