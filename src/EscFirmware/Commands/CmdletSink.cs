using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Wording;
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
        private readonly PSCmdlet _cmdlet;

        public CmdletSink(PSCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
        }

        public void WriteObject(object item)
        {
            _cmdlet.WriteObject(PSTypeNames.Named(item));
            if (item is EscFirmwareUpdateResult result && result.Status == UpdateStatus.Failed)
            {
                var failure = result.Failure;
                var problem = Phrase.Plain(result.ComputerName + ": " + result.Component + " update failed in phase " + result.Phase + ": ");
                WriteError(failure == null
                    ? new OperationError(result.ErrorId ?? "EscFirmwareUpdateFailed", ErrorKind.InvalidOperation, problem + Phrase.Plain(result.Message ?? string.Empty), result.ComputerName)
                    : new OperationError(failure.ErrorId, failure.Kind, problem + failure.Problem, result.ComputerName, failure.VendorCode, failure.NextStep, failure.Exception));
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

        public bool ShouldProcess(string target, string action)
        {
            try
            {
                return _cmdlet.ShouldProcess(target, action);
            }
            catch (Exception cannotAsk) when (cannotAsk is HostException || cannotAsk is PSInvalidOperationException)
            {
                // A host that cannot prompt (runbook, pwsh -NonInteractive, a job): every other target would fail the
                // same way, so the run ends here, terminating, with the switch that makes it work.
                _cmdlet.ThrowTerminatingError(ErrorRecords.From(CmdletErrors.ConfirmationNotPossible(_cmdlet.MyInvocation.MyCommand.Name, target, action, cannotAsk)));
                throw;
            }
        }
    }
}
