using System;

namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// Every failure EscFirmware raises on purpose. The message names the problem and, where there is one, the next step;
    /// it never carries a password, token, CSRF token or session cookie.
    /// </summary>
    public class EscFirmwareException : Exception
    {
        public EscFirmwareException(string errorId, ErrorKind kind, string message, string? vendorCode = null, string? recommendedAction = null, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Kind = kind;
            VendorCode = vendorCode;
            RecommendedAction = recommendedAction;
        }

        public string ErrorId { get; }
        public ErrorKind Kind { get; }
        public string? VendorCode { get; }
        public string? RecommendedAction { get; }
    }
}
