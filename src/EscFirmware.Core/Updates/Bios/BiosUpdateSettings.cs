using System;

namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>Every wait, poll interval and bound of a BIOS update. Defaults follow the validated ASUS client
    /// (spec b.3); tests shrink them.</summary>
    public sealed class BiosUpdateSettings
    {
        /// <summary>Between polls of power state, SPI-write progress, verification and BiosVersion.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How long a graceful shutdown may take before the update gives up (the host is left as it is).</summary>
        public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>Escalate to ForceOff when GracefulShutdown has not turned the host off after this long; null = never.</summary>
        public TimeSpan? ForceOffAfter { get; set; }

        /// <summary>How often the rescue session is kept alive (<c>GET /api/chassis-status</c>); well under the BMC's
        /// 30-minute idle timeout.</summary>
        public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>How long the component upload may take.</summary>
        public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>How long the SPI write may take (SM-BIOS: 60 minutes). Also how long a stop waits for it.</summary>
        public TimeSpan FlashTimeout { get; set; } = TimeSpan.FromMinutes(60);

        /// <summary>How many failed or silent <c>upgradestatus</c> polls are tolerated during the SPI write (SM-BIOS: 240).</summary>
        public int FlashQuietPollLimit { get; set; } = 240;

        /// <summary>How long image verification may take (SM-BIOS: 30 minutes).</summary>
        public TimeSpan VerifyTimeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>How long after <c>exitupdatemode</c> Redfish may take to answer again.</summary>
        public TimeSpan ExitVerifyTimeout { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>How long the first POST after the flash may take (5–15 minutes on ESC8000-E12P).</summary>
        public TimeSpan PostTimeout { get; set; } = TimeSpan.FromMinutes(20);

        /// <summary>How many consecutive reads of the new BiosVersion confirm it (it flips mid-POST).</summary>
        public int StableBiosReads { get; set; } = 3;

        /// <summary>Called on the worker thread as each phase begins: for audit logs and tests that act at a phase.</summary>
        public Action<string, BiosUpdatePhase>? PhaseObserver { get; set; }

        /// <summary>The settings a cmdlet or escfw exposes, in seconds (forceOffAfterSec 0 or null: never force).</summary>
        public static BiosUpdateSettings FromSeconds(int pollIntervalSec, int postTimeoutSec, int? forceOffAfterSec) => new BiosUpdateSettings
        {
            PollInterval = TimeSpan.FromSeconds(pollIntervalSec),
            PostTimeout = TimeSpan.FromSeconds(postTimeoutSec),
            ForceOffAfter = forceOffAfterSec > 0 ? TimeSpan.FromSeconds(forceOffAfterSec.Value) : (TimeSpan?)null,
        };
    }
}
