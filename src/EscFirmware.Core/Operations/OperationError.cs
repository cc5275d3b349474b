using System;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Operations
{
    /// <summary>A per-target failure: becomes a non-terminating ErrorRecord in PowerShell and an Error object in escfw's JSON.</summary>
    public sealed class OperationError
    {
        public OperationError(string errorId, ErrorKind kind, Phrase message, string target, string? vendorCode = null, Phrase? recommendedAction = null, Exception? exception = null)
        {
            ErrorId = errorId;
            Kind = kind;
            Problem = message;
            Target = target;
            VendorCode = vendorCode;
            NextStep = recommendedAction;
            Exception = exception;
        }

        /// <summary>Stable, space-free identifier of the code path (never changes between versions).</summary>
        public string ErrorId { get; }
        public ErrorKind Kind { get; }
        /// <summary>What is wrong, as structured text.</summary>
        public Phrase Problem { get; }
        /// <summary>The problem in the words of the front end in use.</summary>
        public string Message => Problem.ToString();
        /// <summary>The host (or file) the error is about.</summary>
        public string Target { get; }
        /// <summary>The BMC's own code: a Redfish MessageId or an AMI web error code.</summary>
        public string? VendorCode { get; }
        /// <summary>The next step, as structured text.</summary>
        public Phrase? NextStep { get; }
        /// <summary>The next step in the words of the front end in use.</summary>
        public string? RecommendedAction => NextStep?.ToString();
        public Exception? Exception { get; }

        public static OperationError FromException(Exception exception, string target)
        {
            if (exception is EscFirmwareException known)
            {
                return new OperationError(known.ErrorId, known.Kind, known.Problem, target, known.VendorCode, known.NextStep, known);
            }
            if (exception is OperationCanceledException)
            {
                return new OperationError("EscOperationStopped", ErrorKind.OperationStopped, "The operation was stopped.", target, exception: exception);
            }
            return new OperationError("EscUnexpectedError", ErrorKind.InvalidOperation, exception.GetType().Name + ": " + exception.Message, target, exception: exception);
        }
    }
}
