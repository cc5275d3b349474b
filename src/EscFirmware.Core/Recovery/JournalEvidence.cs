using System;
using System.Collections.Generic;
using System.Globalization;
using EscFirmware.Core.State;

namespace EscFirmware.Core.Recovery
{
    /// <summary>The journal as one line of evidence: what was in flight, since when, and whether a rescue session exists.</summary>
    public static class JournalEvidence
    {
        public static string Describe(UpdateJournalEntry? entry, DateTimeOffset now)
        {
            if (entry == null) return "journal: no entry for this BMC on this machine";
            var parts = new List<string>();
            if (entry.FwUpdateId.HasValue) parts.Add("FWUPDATEID " + entry.FwUpdateId.Value.ToString(CultureInfo.InvariantCulture));
            parts.Add((string.IsNullOrEmpty(entry.Operation) ? "update" : entry.Operation)
                + (string.IsNullOrEmpty(entry.Component) ? string.Empty : " of " + entry.Component)
                + " started " + When(entry.StartedAt, now));
            parts.Add("phase " + entry.Phase + " since " + When(entry.PhaseSince, now));
            if (!entry.IsOpen) parts.Add("ended " + entry.Outcome + (entry.EndedAt.HasValue ? " " + When(entry.EndedAt.Value, now) : string.Empty));
            if (entry.InUpdateMode) parts.Add("BMC put in update mode");
            if (entry.UploadStaged) parts.Add(entry.FlashSent ? "upload staged and flash sent" : "upload staged, flash NOT sent");
            else if (entry.FlashSent) parts.Add("flash sent");
            parts.Add(entry.RescueSession != null ? "rescue session recorded" : "no rescue session recorded");
            return "journal: " + string.Join(", ", parts);
        }

        /// <summary>"02:14Z" today (UTC), "2026-11-20 02:14Z" before.</summary>
        public static string When(DateTimeOffset at, DateTimeOffset now)
        {
            var utc = at.ToUniversalTime();
            return utc.Date == now.ToUniversalTime().Date
                ? utc.ToString("HH:mm'Z'", CultureInfo.InvariantCulture)
                : utc.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        }
    }
}
