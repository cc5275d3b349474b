using System;
using EscFirmware.Core.Operations;

namespace EscFirmware.Commands
{
    /// <summary>
    /// The errors only the module raises, about how PowerShell runs a cmdlet rather than about a BMC: built here, one
    /// static method per problem (the convention of DEVELOPERS.md, "Errors"), and turned into records by <see cref="ErrorRecords"/>.
    /// </summary>
    internal static class CmdletErrors
    {
        /// <summary>A host that cannot prompt (runbook, pwsh -NonInteractive, a job) was asked to confirm.</summary>
        public static OperationError ConfirmationNotPossible(string command, string target, string action, Exception cannotAsk) =>
            new OperationError("EscConfirmationNotPossible", ErrorKind.InvalidOperation,
                command + " must confirm '" + action + "' on " + target + ", but this PowerShell host cannot ask (a runbook, " +
                "pwsh -NonInteractive or a job): " + cannotAsk.Message, target,
                recommendedAction: "Check the plan with " + command + " -WhatIf, then run it again with -Confirm:$false.", exception: cannotAsk);

        /// <summary>Piped rows bring different credentials, and one run logs in with one.</summary>
        public static OperationError CredentialsDiffer(string command, string firstUser, string otherUser, string targets) =>
            new OperationError("EscCredentialsDiffer", ErrorKind.InvalidArgument,
                "The servers in this pipeline bring different credentials (" + firstUser + ", " + otherUser + "); one " + command +
                " run logs in to every server with one credential.", targets,
                recommendedAction: "Run " + command + " once per credential, piping only the servers that share it.");
    }
}
