using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.State
{
    /// <summary>
    /// The journal file of one BMC (<c>&lt;state folder&gt;/journal/&lt;host&gt;_&lt;port&gt;.json</c>): rewritten atomically at
    /// every phase change, readable by the current user only. It outlives the process so that a killed run can be
    /// inspected and, while update mode lasts, undone by another process.
    /// </summary>
    public sealed class UpdateJournal
    {
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions { WriteIndented = true };
        private readonly object _gate = new object();

        public UpdateJournal(string folder, BmcTarget target)
        {
            Folder = folder;
            Target = target;
            FilePath = Path.Combine(folder, StateFolder.FileNameFor(target) + ".json");
        }

        public string Folder { get; }
        public BmcTarget Target { get; }
        public string FilePath { get; }

        public UpdateJournalEntry? Read()
        {
            lock (_gate)
            {
                if (!File.Exists(FilePath)) return null;
                try
                {
                    return JsonSerializer.Deserialize<UpdateJournalEntry>(File.ReadAllText(FilePath), Json);
                }
                catch (JsonException damaged)
                {
                    throw Unreadable(Target.DisplayName, FilePath, damaged.Message);
                }
            }
        }

        /// <summary>Starts a new entry for an update, replacing any finished one.</summary>
        public UpdateJournalEntry Begin(string operation, string component, string? imagePath, string? imageSha256, string? fromVersion, string? toVersion)
        {
            var now = DateTimeOffset.UtcNow;
            var entry = new UpdateJournalEntry
            {
                ComputerName = Target.DisplayName,
                Operation = operation,
                Component = component,
                ImagePath = imagePath,
                ImageSha256 = imageSha256,
                FromVersion = fromVersion,
                ToVersion = toVersion,
                StartedAt = now,
                ProcessId = Process.GetCurrentProcess().Id,
                PendingBios = PendingBiosOfPrevious(),
            };
            RecordPhase(entry, "Started");
            return entry;
        }

        public void RecordPhase(UpdateJournalEntry entry, string phase, string? note = null)
        {
            var now = DateTimeOffset.UtcNow;
            entry.Phase = phase;
            entry.PhaseSince = now;
            entry.History.Add(new JournalPhase { Phase = phase, At = now, Note = note });
            Write(entry);
        }

        /// <summary>The BIOS is written and verified and the host stays off: it is pending until the next POST.</summary>
        public void RecordPendingUntilPost(UpdateJournalEntry entry, string version, string? imageSha256, string? fromVersion)
        {
            entry.PendingBios = new PendingBios { Version = version, ImageSha256 = imageSha256, FromVersion = fromVersion, WrittenAt = DateTimeOffset.UtcNow };
            RecordPhase(entry, "PendingUntilPost", "written and verified, pending until POST: BIOS " + version + ", image SHA-256 " + imageSha256);
        }

        /// <summary>A pending BIOS outlives the entry that wrote it (a later BMC update must not make a re-run flash it again).</summary>
        private PendingBios? PendingBiosOfPrevious()
        {
            try
            {
                return Read()?.PendingBios;
            }
            catch (EscFirmwareException)
            {
                return null;
            }
        }

        public void EnteredUpdateMode(UpdateJournalEntry entry, int fwUpdateId, AmiSessionHandle rescue)
        {
            entry.FwUpdateId = fwUpdateId;
            entry.InUpdateMode = true;
            entry.RescueSession = new JournalSessionHandle { SessionCookie = rescue.SessionCookie, CsrfToken = rescue.CsrfToken };
            RecordPhase(entry, "UpdateModeEntered", "FWUPDATEID " + fwUpdateId);
        }

        /// <summary>Update mode is over: the session handle leaves the file at once.</summary>
        public void ExitedUpdateMode(UpdateJournalEntry entry)
        {
            entry.InUpdateMode = false;
            entry.RescueSession = null;
            RecordPhase(entry, "UpdateModeExited");
        }

        public void Finish(UpdateJournalEntry entry, string outcome, string? message)
        {
            entry.Outcome = outcome;
            entry.Message = message;
            entry.EndedAt = DateTimeOffset.UtcNow;
            if (!entry.InUpdateMode) entry.RescueSession = null;
            RecordPhase(entry, "Finished", outcome);
        }

        public void Write(UpdateJournalEntry entry)
        {
            lock (_gate)
            {
                PrivateFile.WriteAllText(FilePath, JsonSerializer.Serialize(entry, Json));
            }
        }

        public static AmiSessionHandle? RescueHandleOf(UpdateJournalEntry entry) =>
            entry.RescueSession == null ? null : new AmiSessionHandle(entry.RescueSession.SessionCookie, entry.RescueSession.CsrfToken);

        private static EscFirmwareException Unreadable(string host, string path, string why) =>
            new EscFirmwareException("EscJournalUnreadable", ErrorKind.InvalidData,
                host + ": the update journal " + path + " cannot be read (" + why + ").",
                recommendedAction: Phrase.Of($"Run {EscCommand.GetBmcState.For(host)} to see the BMC's real state; move the damaged journal aside once the BMC is healthy."));
    }
}
