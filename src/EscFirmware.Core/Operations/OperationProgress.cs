namespace EscFirmware.Core.Operations
{
    /// <summary>A progress record: one parent activity for the fleet and one child per host.</summary>
    public sealed class OperationProgress
    {
        public OperationProgress(int activityId, string activity, string status, int percentComplete = -1, int parentActivityId = -1, bool completed = false, string? phase = null)
        {
            Phase = phase;
            ActivityId = activityId;
            Activity = activity;
            Status = status;
            PercentComplete = percentComplete;
            ParentActivityId = parentActivityId;
            Completed = completed;
        }

        public int ActivityId { get; }
        public int ParentActivityId { get; }
        public string Activity { get; }
        public string Status { get; }
        /// <summary>0..100, or -1 when unknown.</summary>
        public int PercentComplete { get; }
        public bool Completed { get; }

        /// <summary>The workflow phase this record reports, when it comes from a host's update (for audit and summaries).</summary>
        public string? Phase { get; }
    }
}
