using System.Diagnostics;

namespace EscFirmware.Cli.Output
{
    /// <summary>One host's line in the live view: where its run is and what it last reported.</summary>
    internal sealed class HostRow
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public HostRow(string host) => Host = host;

        public string Host { get; }
        public string Phase { get; set; } = string.Empty;
        public int Percent { get; set; } = -1;

        /// <summary>Detail within the phase ("sent 12 MiB of 31.8 MiB"), without the percent.</summary>
        public string Detail { get; set; } = string.Empty;
        public string LastMilestone { get; set; } = string.Empty;
        public bool Done { get; private set; }
        public bool Failed { get; private set; }

        public System.TimeSpan Elapsed => _clock.Elapsed;

        public void Finish(string status)
        {
            Done = true;
            Failed = status.StartsWith("Failed", System.StringComparison.OrdinalIgnoreCase);
            Phase = Failed ? "Failed" : "Done";
            Percent = Failed ? Percent : 100;
            Detail = string.Empty;
            LastMilestone = status;
            _clock.Stop();
        }
    }
}
