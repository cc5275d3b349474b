using System;
using System.Globalization;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>One poll of a running flash: the task's state and the UpdateService's UpdateStatus and FlashPercentage.</summary>
    internal sealed class FlashSnapshot
    {
        public FlashSnapshot(string? taskState, string? updateStatus, string? flashPercentage)
        {
            TaskState = taskState;
            UpdateStatus = updateStatus;
            FlashPercentage = flashPercentage;
        }

        public string? TaskState { get; }
        public string? UpdateStatus { get; }
        public string? FlashPercentage { get; }

        public bool Failed => Is(TaskState, "Exception") || Is(TaskState, "Killed") || Is(TaskState, "Cancelled") || Is(UpdateStatus, "Failed");

        /// <summary>The flash is over: the task completed, the status says so, or the UpdateService went idle again.</summary>
        public bool Finished =>
            Is(TaskState, "Completed") || Is(UpdateStatus, "Completed")
            || (FlashPercentage != null && (FlashPercentage.StartsWith("Complete", StringComparison.OrdinalIgnoreCase) || Percent >= 100))
            || (TaskState == null && string.IsNullOrEmpty(UpdateStatus));

        /// <summary>"37% done." → 37; -1 when not a percentage.</summary>
        public int Percent
        {
            get
            {
                var text = FlashPercentage ?? string.Empty;
                var end = text.IndexOf('%');
                return end > 0 && int.TryParse(text.Substring(0, end).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? Math.Min(value, 100) : -1;
            }
        }

        public override string ToString() =>
            "UpdateStatus " + (UpdateStatus ?? "none") + (FlashPercentage != null ? ", " + FlashPercentage.Trim().TrimEnd('.') : string.Empty) + (TaskState != null ? ", task " + TaskState : string.Empty);

        private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
    }
}
