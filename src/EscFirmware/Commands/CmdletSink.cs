using System.Management.Automation;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// An operation sink over a cmdlet's Write* methods and ShouldProcess. A failed update result is also written as a
    /// non-terminating error (ErrorId from the result, the host as target), so -ErrorVariable, $Error and runbook error
    /// streams see every failed server, while escfw keeps one JSON entry per result.
    /// </summary>
    internal sealed class CmdletSink : IConfirmingSink
    {
        private readonly Cmdlet _cmdlet;

        public CmdletSink(Cmdlet cmdlet)
        {
            _cmdlet = cmdlet;
        }

        public void WriteObject(object item)
        {
            _cmdlet.WriteObject(PSTypeNames.Named(item));
            if (item is EscFirmwareUpdateResult result && result.Status == UpdateStatus.Failed)
            {
                WriteError(new OperationError(result.ErrorId ?? "EscFirmwareUpdateFailed", ErrorKind.InvalidOperation,
                    result.ComputerName + ": " + result.Component + " update failed in phase " + result.Phase + ": " + result.Message, result.ComputerName));
            }
        }
        public void WriteError(OperationError error) => _cmdlet.WriteError(ErrorRecords.From(error));
        public void WriteWarning(string message) => _cmdlet.WriteWarning(message);
        public void WriteVerbose(string message) => _cmdlet.WriteVerbose(message);
        public void WriteDebug(string message) => _cmdlet.WriteDebug(message);

        public void WriteProgress(OperationProgress progress)
        {
            var record = new ProgressRecord(progress.ActivityId, progress.Activity, progress.Status)
            {
                ParentActivityId = progress.ParentActivityId,
                PercentComplete = progress.PercentComplete,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            _cmdlet.WriteProgress(record);
        }

        public bool ShouldProcess(string target, string action) => _cmdlet.ShouldProcess(target, action);
    }
}
