using System.Management.Automation;
using EscFirmware.Core.Operations;

namespace EscFirmware.Commands
{
    /// <summary>Maps an operation's error to a PowerShell ErrorRecord with a stable ErrorId and a fitting category.</summary>
    internal static class ErrorRecords
    {
        /// <summary>The record for an argument or host that failed before any operation ran.</summary>
        public static ErrorRecord From(EscFirmwareException exception, object? target) =>
            From(OperationError.FromException(exception, target?.ToString() ?? string.Empty));

        public static ErrorRecord From(OperationError error)
        {
            var exception = error.Exception ?? new EscFirmwareException(error.ErrorId, error.Kind, error.Problem, error.VendorCode, error.NextStep);
            var record = new ErrorRecord(exception, error.ErrorId, CategoryOf(error.Kind), error.Target)
            {
                ErrorDetails = new ErrorDetails(error.Message + (error.VendorCode != null ? " [BMC code " + error.VendorCode + "]" : string.Empty)),
            };
            if (error.RecommendedAction != null) record.ErrorDetails.RecommendedAction = error.RecommendedAction;
            return record;
        }

        private static ErrorCategory CategoryOf(ErrorKind kind)
        {
            switch (kind)
            {
                case ErrorKind.ConnectionError: return ErrorCategory.ConnectionError;
                case ErrorKind.AuthenticationError: return ErrorCategory.AuthenticationError;
                case ErrorKind.SecurityError: return ErrorCategory.SecurityError;
                case ErrorKind.OperationTimeout: return ErrorCategory.OperationTimeout;
                case ErrorKind.ResourceUnavailable: return ErrorCategory.ResourceUnavailable;
                case ErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case ErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case ErrorKind.InvalidOperation: return ErrorCategory.InvalidOperation;
                case ErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case ErrorKind.NotImplemented: return ErrorCategory.NotImplemented;
                case ErrorKind.ObjectNotFound: return ErrorCategory.ObjectNotFound;
                case ErrorKind.OperationStopped: return ErrorCategory.OperationStopped;
                case ErrorKind.ProtocolError: return ErrorCategory.ProtocolError;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }
}
