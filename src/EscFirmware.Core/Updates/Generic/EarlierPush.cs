using System;
using System.Linq;
using EscFirmware.Core.State;

namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>
    /// An image an earlier run of the same update pushed to this BMC without seeing how it ended (that run was stopped, gave up
    /// waiting, or its process died): the journal keeps the task it was given. A re-run watches that task again instead of pushing
    /// the image a second time.
    /// </summary>
    public sealed class EarlierPush
    {
        /// <summary>The journal phase written once the BMC accepted the image; its note is the task to follow.</summary>
        public const string PushedPhase = "Pushed";

        /// <summary>The journal phase written once the reset the update asked for was sent: a re-run does not restart the BMC or host again.</summary>
        public const string ResetSentPhase = "ResetSent";

        /// <summary>The journal outcome of a run that gave up waiting for the task: the BMC may still be applying the image.</summary>
        public const string TimedOutOutcome = "TimedOut";

        private EarlierPush(string? taskUri, string? fromVersion, DateTimeOffset at, bool resetSent)
        {
            TaskUri = taskUri;
            FromVersion = fromVersion;
            At = at;
            ResetSent = resetSent;
        }

        /// <summary>The task or task monitor the BMC answered with; null when it gave none (only the inventory tells).</summary>
        public string? TaskUri { get; }
        /// <summary>The version before that push: what "changed" is measured against, since the BMC may already show the new one.</summary>
        public string? FromVersion { get; }
        public DateTimeOffset At { get; }
        /// <summary>The earlier run already sent the reset that activates the image.</summary>
        public bool ResetSent { get; }

        /// <summary>The unfinished push in <paramref name="previous"/>, when it is this update (operation, component, image) and it never learnt its end.</summary>
        public static EarlierPush? In(UpdateJournalEntry? previous, string operation, FirmwareComponent component, string image)
        {
            if (previous == null || (previous.Outcome != null && previous.Outcome != "Stopped" && previous.Outcome != TimedOutOutcome)) return null;
            if (previous.Operation != operation || previous.Component != component.ToString() || previous.ImagePath != image) return null;
            var pushed = previous.History.LastOrDefault(p => p.Phase == PushedPhase);
            return pushed == null ? null : new EarlierPush(previous.TaskUri, previous.FromVersion, pushed.At, previous.History.Any(p => p.Phase == ResetSentPhase));
        }
    }
}
