namespace EscFirmware.Core.Operations
{
    /// <summary>What went wrong, in the terms PowerShell's ErrorCategory uses (the module maps one to one).</summary>
    public enum ErrorKind
    {
        ConnectionError,
        AuthenticationError,
        SecurityError,
        OperationTimeout,
        ResourceUnavailable,
        InvalidData,
        InvalidArgument,
        InvalidOperation,
        PermissionDenied,
        NotImplemented,
        ObjectNotFound,
        OperationStopped,
        ProtocolError,
    }
}
