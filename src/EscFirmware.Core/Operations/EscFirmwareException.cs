using System;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// Every failure EscFirmware raises on purpose: the problem and, where there is one, the next step, each a
    /// <see cref="Phrase"/> so it reads in the words of the front end in use. Build each in a static method returning the
    /// exception (see DEVELOPERS.md, "Errors"); it never carries a password, token, CSRF token or session cookie.
    /// </summary>
    public class EscFirmwareException : Exception
    {
        public EscFirmwareException(string errorId, ErrorKind kind, Phrase message, string? vendorCode = null, Phrase? recommendedAction = null, Exception? innerException = null)
            : base(message.Render(FrontEnd.PowerShell), innerException)
        {
            ErrorId = errorId;
            Kind = kind;
            Problem = message;
            VendorCode = vendorCode;
            NextStep = recommendedAction;
        }

        public string ErrorId { get; }
        public ErrorKind Kind { get; }
        public string? VendorCode { get; }

        /// <summary>What is wrong, as structured text.</summary>
        public Phrase Problem { get; }

        /// <summary>The next step, as structured text (commands and parameters of both front ends).</summary>
        public Phrase? NextStep { get; }

        /// <summary>The problem in the words of the front end in use.</summary>
        public override string Message => Problem.ToString();

        /// <summary>The next step in the words of the front end in use.</summary>
        public string? RecommendedAction => NextStep?.ToString();
    }
}
