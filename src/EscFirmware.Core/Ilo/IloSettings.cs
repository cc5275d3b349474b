using System;

namespace EscFirmware.Core.Ilo
{
    /// <summary>The waits of the iLO update-service cmdlets; tests shrink them.</summary>
    public sealed class IloSettings
    {
        public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(30);
        /// <summary>How long verifying and writing an upload (Oem.Hpe.State) may take.</summary>
        public TimeSpan StateTimeout { get; set; } = TimeSpan.FromMinutes(10);
        /// <summary>How long -Wait watches a task before giving up (the task stays queued).</summary>
        public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromHours(2);
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        public static IloSettings FromSeconds(int pollIntervalSec, int uploadTimeoutSec, int taskTimeoutSec) => new IloSettings
        {
            PollInterval = TimeSpan.FromSeconds(pollIntervalSec),
            UploadTimeout = TimeSpan.FromSeconds(uploadTimeoutSec),
            TaskTimeout = TimeSpan.FromSeconds(taskTimeoutSec),
        };
    }
}
