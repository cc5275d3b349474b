using System;

namespace EscFirmware.Core.Transport
{
    /// <summary>Timeouts and retry bounds of one BMC connection. Tests shrink them; real BMCs keep the defaults.</summary>
    public sealed class BmcConnectionSettings
    {
        /// <summary>How long one request may take before it is abandoned.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How many times an idempotent read is retried after a connection failure or a 503.</summary>
        public int ReadRetryAttempts { get; set; } = 3;

        /// <summary>The first retry delay; later ones grow exponentially with jitter up to <see cref="RetryMaxDelay"/>.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest single wait between retries, also the cap on a BMC's Retry-After.</summary>
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>The overall deadline of one read including all its retries.</summary>
        public TimeSpan ReadDeadline { get; set; } = TimeSpan.FromSeconds(90);

        /// <summary>
        /// How many times a login (Redfish session, web session) is sent again after a 503 or a connection refused or
        /// reset before any answer: a booting or busy BMC. 0 = never.
        /// </summary>
        public int LoginRetryAttempts { get; set; } = 6;

        /// <summary>No login is sent again once this long has passed since the first attempt.</summary>
        public TimeSpan LoginDeadline { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>How long closing a session may take; it runs even after cancellation.</summary>
        public TimeSpan LogoutTimeout { get; set; } = TimeSpan.FromSeconds(10);

        public static BmcConnectionSettings WithRequestTimeout(TimeSpan requestTimeout) =>
            new BmcConnectionSettings { RequestTimeout = requestTimeout };
    }
}
