using System.Threading;

namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// One host's child progress bar under the fleet's bar. Every phase change also goes to the verbose stream, because
    /// Azure Automation keeps verbose records but advises runbooks against progress.
    /// </summary>
    public sealed class HostProgress
    {
        private static int _nextActivityId = 1000;
        private readonly IOperationSink _sink;
        private readonly int _activityId;
        private readonly int _parentActivityId;
        private readonly string _host;
        private string _phase = string.Empty;

        public HostProgress(IOperationSink sink, string host, int parentActivityId)
        {
            _sink = sink;
            _host = host;
            _parentActivityId = parentActivityId;
            _activityId = Interlocked.Increment(ref _nextActivityId);
        }

        /// <summary>A new phase: a verbose milestone and a progress update.</summary>
        public void Phase(string phase, string message, int percent = -1)
        {
            _phase = phase;
            _sink.WriteVerbose(_host + ": " + phase + ": " + message);
            _sink.WriteProgress(new OperationProgress(_activityId, _host, phase + ": " + message, percent, _parentActivityId, phase: phase));
        }

        /// <summary>Progress within the current phase (percent, bytes sent); no verbose line.</summary>
        public void Percent(int percent, string status) =>
            _sink.WriteProgress(new OperationProgress(_activityId, _host, _phase + ": " + status, percent, _parentActivityId, phase: _phase));

        public void Done(string status) =>
            _sink.WriteProgress(new OperationProgress(_activityId, _host, status, 100, _parentActivityId, completed: true, phase: _phase));
    }
}
