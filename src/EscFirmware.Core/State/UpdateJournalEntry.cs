using System;
using System.Collections.Generic;

namespace EscFirmware.Core.State
{
    /// <summary>
    /// What a BMC's journal says about the latest update: enough for another process to tell what was in flight, and,
    /// while the BMC is in update mode, to get it out (FwUpdateId plus the rescue session's handle).
    /// </summary>
    public sealed class UpdateJournalEntry
    {
        public string ComputerName { get; set; } = string.Empty;
        public string Operation { get; set; } = string.Empty;
        public string Component { get; set; } = string.Empty;
        public string? ImagePath { get; set; }
        public string? ImageSha256 { get; set; }
        public string? FromVersion { get; set; }
        public string? ToVersion { get; set; }
        public string Phase { get; set; } = string.Empty;
        public DateTimeOffset StartedAt { get; set; }
        public DateTimeOffset PhaseSince { get; set; }
        public string MachineName { get; set; } = Environment.MachineName;
        public int ProcessId { get; set; }

        /// <summary>The HPM wizard's FWUPDATEID: the only key to exiting update mode.</summary>
        public int? FwUpdateId { get; set; }
        public int? ComponentId { get; set; }
        public long? ComponentDataLength { get; set; }
        public bool InUpdateMode { get; set; }
        public bool UploadStaged { get; set; }
        public bool FlashSent { get; set; }
        public string? TaskUri { get; set; }

        /// <summary>The rescue web session, kept only while update mode lasts. Secret.</summary>
        public JournalSessionHandle? RescueSession { get; set; }

        public List<JournalPhase> History { get; set; } = new List<JournalPhase>();

        /// <summary>A BIOS written and verified with the host left off: it takes effect at the next POST. Kept across entries.</summary>
        public PendingBios? PendingBios { get; set; }

        /// <summary>Null while the update runs; Succeeded, Failed, Skipped or Stopped once it ended.</summary>
        public string? Outcome { get; set; }
        public DateTimeOffset? EndedAt { get; set; }
        public string? Message { get; set; }

        public bool IsOpen => Outcome == null;
    }

    public sealed class JournalPhase
    {
        public string Phase { get; set; } = string.Empty;
        public DateTimeOffset At { get; set; }
        public string? Note { get; set; }
    }

    /// <summary>"Written and verified, pending until POST": what was written, over which version, from which image.</summary>
    public sealed class PendingBios
    {
        public string Version { get; set; } = string.Empty;
        public string? ImageSha256 { get; set; }
        /// <summary>The BiosVersion the BMC read before the flash; while it still reads so, the host has not POSTed.</summary>
        public string? FromVersion { get; set; }
        public DateTimeOffset WrittenAt { get; set; }
    }

    public sealed class JournalSessionHandle
    {
        public string SessionCookie { get; set; } = string.Empty;
        public string CsrfToken { get; set; } = string.Empty;
    }
}
