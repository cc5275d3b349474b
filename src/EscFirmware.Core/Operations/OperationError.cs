using System;

namespace EscFirmware.Core.Operations
{
    /// <summary>A per-target failure: becomes a non-terminating ErrorRecord in PowerShell and an Error object in escfw's JSON.</summary>
    public sealed class OperationError
    {
        public OperationError(string errorId, ErrorKind kind, string message, string target, string? vendorCode = null, string? recommendedAction = null, Exception? exception = null)
        {
            ErrorId = errorId;
            Kind = kind;
            Message = message;
            Target = target;
            VendorCode = vendorCode;
            RecommendedAction = recommendedAction;
            Exception = exception;
        }

        /// <summary>Stable, space-free identifier of the code path (never changes between versions).</summary>
        public string ErrorId { get; }
        public ErrorKind Kind { get; }
        public string Message { get; }
        /// <summary>The host (or file) the error is about.</summary>
        public string Target { get; }
        /// <summary>The BMC's own code: a Redfish MessageId or an AMI web error code.</summary>
        public string? VendorCode { get; }
        /// <summary>The next step, in plain words.</summary>
        public string? RecommendedAction { get; }
        public Exception? Exception { get; }

        public static OperationError FromException(Exception exception, string target)
        {
            if (exception is EscFirmwareException known)
            {
                return new OperationError(known.ErrorId, known.Kind, known.Message, target, known.VendorCode, known.RecommendedAction, known);
            }
            if (exception is OperationCanceledException)
            {
                return new OperationError("EscOperationStopped", ErrorKind.OperationStopped, "The operation was stopped.", target, exception: exception);
            }
            return new OperationError("EscUnexpectedError", ErrorKind.InvalidOperation, exception.GetType().Name + ": " + exception.Message, target, exception: exception);
        }
    }
}
