using System.Collections.Generic;

namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>How a pushed update's task ended, as far as the service said.</summary>
    public sealed class TaskOutcome
    {
        public TaskOutcome(string? taskUri, string? taskState, bool resetRequired, IReadOnlyList<string> messages)
        {
            TaskUri = taskUri;
            TaskState = taskState;
            ResetRequired = resetRequired;
            Messages = messages;
        }

        /// <summary>The task (or task monitor) followed; null when the service gave none (204 without Location).</summary>
        public string? TaskUri { get; }
        /// <summary>The terminal TaskState (Completed, Exception, Killed, Cancelled); null when there was no task to read.</summary>
        public string? TaskState { get; }
        /// <summary>A message said the update is staged until a reset (<c>Base.*.ResetRequired</c>, <c>iLO.*.SystemResetRequired</c>).</summary>
        public bool ResetRequired { get; }
        /// <summary>The task's messages as "MessageId: Message".</summary>
        public IReadOnlyList<string> Messages { get; }

        public bool HasTask => TaskUri != null;
        public bool Succeeded => TaskState == null || TaskState == "Completed";
    }
}
