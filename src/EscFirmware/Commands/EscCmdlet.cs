using System;
using System.Management.Automation;
using System.Threading;

namespace EscFirmware.Commands
{
    /// <summary>
    /// The glue every EscFirmware cmdlet shares: operations write through <see cref="Sink"/> (on the pipeline thread,
    /// thanks to FleetRunner's pump), and StopProcessing (Ctrl+C) cancels the operation's token so sessions still close.
    /// PowerShell reads this assembly's public types before the module's dependency isolation is in place, so no
    /// public cmdlet type names an EscFirmware.Core type outside a method body (ModuleContentsTests): the sink, the
    /// collected hosts and the run are internal classes.
    /// </summary>
    public abstract class EscCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken StopToken => _stopping.Token;

        /// <summary>Where operations write this cmdlet's objects, errors, messages and progress.</summary>
        internal CmdletSink Sink => new CmdletSink(this);

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>-WhatIf as PowerShell means it: the switch's value when bound (-WhatIf:$false counts), else $WhatIfPreference.</summary>
        protected bool IsWhatIf =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)
                ? bound is SwitchParameter flag ? flag.IsPresent : bound is bool value && value
                : GetVariableValue("WhatIfPreference") is SwitchParameter preference ? preference.IsPresent : GetVariableValue("WhatIfPreference") is bool on && on;

        public void Dispose() => _stopping.Dispose();
    }
}
