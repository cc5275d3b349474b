using System.Threading;

namespace EscFirmware.Core.Operations
{
    /// <summary>The parent progress bar of a fleet operation: how many of the targets are done.</summary>
    public sealed class FleetProgress
    {
        private readonly int _activityId;
        private readonly string _activity;
        private readonly int _total;
        private int _finished;

        public FleetProgress(IOperationSink sink, int activityId, string activity, int total)
        {
            _activityId = activityId;
            _activity = activity;
            _total = total;
            sink.WriteProgress(new OperationProgress(activityId, activity, "0 of " + total + " done", 0));
        }

        public int ActivityId => _activityId;

        /// <summary>Called from a worker with its own (queued) sink when one target is done.</summary>
        public void HostFinished(IOperationSink sink, string host)
        {
            var finished = Interlocked.Increment(ref _finished);
            var percent = _total == 0 ? 100 : finished * 100 / _total;
            sink.WriteProgress(new OperationProgress(_activityId, _activity, finished + " of " + _total + " done (last: " + host + ")", percent));
        }

        public void Complete(IOperationSink sink) =>
            sink.WriteProgress(new OperationProgress(_activityId, _activity, "Done", 100, completed: true));
    }
}
