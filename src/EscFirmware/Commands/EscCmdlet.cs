using System;
using System.Management.Automation;
using System.Threading;
using EscFirmware.Core.Operations;

namespace EscFirmware.Commands
{
    /// <summary>
    /// The glue every EscFirmware cmdlet shares: operations write through <see cref="Sink"/> (on the pipeline thread,
    /// thanks to FleetRunner's pump), and StopProcessing (Ctrl+C) cancels the operation's token so sessions still close.
    /// The sink is a separate internal class because PowerShell loads this public type before the module's
    /// dependency isolation is in place, so it must not implement anything from EscFirmware.Core.
    /// </summary>
    public abstract class EscCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken StopToken => _stopping.Token;

        /// <summary>Where operations write this cmdlet's objects, errors, messages and progress.</summary>
        internal IConfirmingSink Sink => new CmdletSink(this);

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>-WhatIf as PowerShell means it: the switch's value when bound (-WhatIf:$false counts), else $WhatIfPreference.</summary>
        protected bool IsWhatIf =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)
                ? bound is SwitchParameter flag ? flag.IsPresent : bound is bool value && value
                : GetVariableValue("WhatIfPreference") is SwitchParameter preference ? preference.IsPresent : GetVariableValue("WhatIfPreference") is bool on && on;

        public void Dispose() => _stopping.Dispose();

        /// <summary>Stops the cmdlet with the error a failed argument deserves (a terminating error).</summary>
        internal void ThrowTerminating(EscFirmwareException exception, object? target) =>
            ThrowTerminatingError(ErrorRecords.From(OperationError.FromException(exception, target?.ToString() ?? string.Empty)));
    }
}
