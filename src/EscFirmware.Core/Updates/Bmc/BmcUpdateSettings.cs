using System;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>Every wait, poll interval and timeout of a BMC update. Real BMCs keep the defaults; tests shrink them.</summary>
    public sealed class BmcUpdateSettings
    {
        /// <summary>How long the multipart upload may take (SM-BMC used 900 s for ~60 MB; slow links need more).</summary>
        public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>How often the task and the UpdateService are polled while flashing, and the BMC while it reboots.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>The longest the flash itself may run before the update is reported as failed (the BMC is left alone).</summary>
        public TimeSpan FlashTimeout { get; set; } = TimeSpan.FromMinutes(45);

        /// <summary>Progress that does not change for this long is reported as stuck (never reset a BMC mid-write).</summary>
        public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>How long the BMC may take to come back with the new firmware after the flash (2–4 min on ESC8000-E12P).</summary>
        public TimeSpan RebootTimeout { get; set; } = TimeSpan.FromMinutes(20);

        /// <summary>How many consecutive reads must show the new version before it counts.</summary>
        public int StableVersionReads { get; set; } = 3;

        /// <summary>The pause between those reads.</summary>
        public TimeSpan StableReadInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Rejected logins after the reboot before the credentials are declared changed (each failure can count towards a lockout).</summary>
        public int LoginFailuresAfterReboot { get; set; } = 3;

        /// <summary>How many times a session that expired during the flash is replaced.</summary>
        public int SessionRenewals { get; set; } = 3;

        /// <summary>The bound on asking the BMC what it is doing after a failure (also after Ctrl+C).</summary>
        public TimeSpan StateQueryTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Where journals and lock files go; null for the state folder's <c>journal</c> folder.</summary>
        public string? StateFolder { get; set; }

        /// <summary>The settings a cmdlet or escfw exposes, in seconds; stable reads never wait longer than a poll.</summary>
        public static BmcUpdateSettings FromSeconds(int pollIntervalSec, int rebootTimeoutSec, int uploadTimeoutSec)
        {
            var settings = new BmcUpdateSettings
            {
                PollInterval = TimeSpan.FromSeconds(pollIntervalSec),
                RebootTimeout = TimeSpan.FromSeconds(rebootTimeoutSec),
                UploadTimeout = TimeSpan.FromSeconds(uploadTimeoutSec),
            };
            if (settings.PollInterval < settings.StableReadInterval) settings.StableReadInterval = settings.PollInterval;
            return settings;
        }
    }
}
