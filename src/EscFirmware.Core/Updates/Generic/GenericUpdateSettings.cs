using System;

namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>Every wait of the generic Redfish update; tests shrink them to run a full update in seconds.</summary>
    public sealed class GenericUpdateSettings
    {
        /// <summary>How long the image upload may take.</summary>
        public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(30);
        /// <summary>How long the update task may run before the wait gives up (the BMC is left alone).</summary>
        public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromMinutes(40);
        /// <summary>The pause between task polls when the service gives no Retry-After.</summary>
        public TimeSpan TaskPollInterval { get; set; } = TimeSpan.FromSeconds(5);
        /// <summary>The longest Retry-After honoured between polls.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
        /// <summary>How long the inventory may take to show the new version (after the task, a reset or a 204 without task).</summary>
        public TimeSpan VerifyTimeout { get; set; } = TimeSpan.FromMinutes(15);
        /// <summary>The pause between inventory reads while verifying.</summary>
        public TimeSpan VerifyPollInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Where the journal is kept (<c>journal</c> under the state folder when null); the per-BMC lock is always in the one lock folder.</summary>
        public string? StateFolder { get; set; }

        /// <summary>Called with the host and each phase as it starts, on the worker (tests stop an update at a phase of their choosing).</summary>
        public Action<string, GenericUpdatePhase>? PhaseObserver { get; set; }

        /// <summary>The settings from the front ends' whole-second parameters; one poll interval serves task and inventory.</summary>
        public static GenericUpdateSettings FromSeconds(int pollIntervalSec, int taskTimeoutSec, int verifyTimeoutSec, int uploadTimeoutSec) => new GenericUpdateSettings
        {
            TaskPollInterval = TimeSpan.FromSeconds(pollIntervalSec),
            VerifyPollInterval = TimeSpan.FromSeconds(pollIntervalSec),
            TaskTimeout = TimeSpan.FromSeconds(taskTimeoutSec),
            VerifyTimeout = TimeSpan.FromSeconds(verifyTimeoutSec),
            UploadTimeout = TimeSpan.FromSeconds(uploadTimeoutSec),
        };
    }
}
