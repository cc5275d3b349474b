using System;

namespace EscFirmware.Core.Recovery
{
    /// <summary>Ports, timeouts and windows of Get-EscBmcState and Exit-EscUpdateMode. Tests shrink the waits and point the
    /// ports at loopback listeners; real BMCs keep the defaults.</summary>
    public sealed class RecoverySettings
    {
        /// <summary>The journal folder; null = the documented state folder's <c>journal</c>.</summary>
        public string? JournalPath { get; set; }

        public int SshPort { get; set; } = 22;
        public int KvmPort { get; set; } = 5900;
        /// <summary>UDP port of the RMCP/ASF presence ping (IPMI over LAN).</summary>
        public int IpmiPort { get; set; } = 623;
        /// <summary>How long a TCP connect to SSH or KVM may take before the port counts as silent.</summary>
        public TimeSpan PortTimeout { get; set; } = TimeSpan.FromSeconds(2);
        /// <summary>How long to wait for the RMCP Presence Pong.</summary>
        public TimeSpan IpmiTimeout { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>The pause between two HTTP requests to one BMC, so a probe never looks like a burst (spec a.1: ≥ 250 ms).</summary>
        public TimeSpan RequestGap { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>A flash the journal says was sent less than this long ago counts as still running (SM-BIOS: up to 60 min).</summary>
        public TimeSpan FlashRunningWindow { get; set; } = TimeSpan.FromMinutes(60);
        /// <summary>A reboot the journal recorded less than this long ago explains a silent BMC (real BMCs: 2–4 min).</summary>
        public TimeSpan RebootWindow { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>Between two <c>upgradestatus</c> / <c>verifyimagestatus</c> polls while a staged flash is finished (SM-BIOS: 10 s).</summary>
        public TimeSpan FlashPollInterval { get; set; } = TimeSpan.FromSeconds(10);
        /// <summary>The longest a staged flash may take to reach 100 % (SM-BIOS caps at 60 min).</summary>
        public TimeSpan FlashTimeout { get; set; } = TimeSpan.FromMinutes(60);
        /// <summary>The longest image verification may take (spec b.3: 30 min).</summary>
        public TimeSpan VerifyTimeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>How often, after <c>exitupdatemode</c>, a fresh login is tried to confirm the BMC left update mode.</summary>
        public int ExitConfirmAttempts { get; set; } = 6;
        /// <summary>The pause between those attempts.</summary>
        public TimeSpan ExitConfirmDelay { get; set; } = TimeSpan.FromSeconds(10);
    }
}
