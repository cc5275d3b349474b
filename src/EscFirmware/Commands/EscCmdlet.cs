using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;

namespace EscFirmware.Commands
{
    /// <summary>
    /// The glue every EscFirmware cmdlet shares: it is the sink its operation writes through (on the pipeline thread,
    /// thanks to FleetRunner's pump), and StopProcessing (Ctrl+C) cancels the operation's token so sessions still close.
    /// </summary>
    public abstract class EscCmdlet : PSCmdlet, IOperationSink, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken StopToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();

        void IOperationSink.WriteObject(object item) => WriteObject(item);
        void IOperationSink.WriteError(OperationError error) => WriteError(ErrorRecords.From(error));
        void IOperationSink.WriteWarning(string message) => WriteWarning(message);
        void IOperationSink.WriteVerbose(string message) => WriteVerbose(message);
        void IOperationSink.WriteDebug(string message) => WriteDebug(message);

        void IOperationSink.WriteProgress(OperationProgress progress)
        {
            var record = new ProgressRecord(progress.ActivityId, progress.Activity, progress.Status)
            {
                ParentActivityId = progress.ParentActivityId,
                PercentComplete = progress.PercentComplete,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            WriteProgress(record);
        }

        Task<bool> IOperationSink.ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) =>
            Task.FromResult(ShouldProcess(target, action));

        /// <summary>Stops the cmdlet with the error a failed argument deserves (a terminating error).</summary>
        protected void ThrowTerminating(EscFirmwareException exception, object? target) =>
            ThrowTerminatingError(ErrorRecords.From(OperationError.FromException(exception, target?.ToString() ?? string.Empty)));
    }
}
