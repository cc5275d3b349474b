using System.Threading;
using EscFirmware.Core.Operations;

namespace EscFirmware.Commands
{
    /// <summary>
    /// What a BMC cmdlet's operation runs with: the collected hosts and shared parameters, where it writes, and the
    /// token StopProcessing cancels. A class of its own so the public cmdlet types never name a Core type in a
    /// signature (PowerShell reads their metadata before the module's isolation hook exists).
    /// </summary>
    internal sealed class CmdletRun
    {
        public CmdletRun(BmcFleetRequest request, IConfirmingSink sink, CancellationToken stop)
        {
            Request = request;
            Sink = sink;
            Stop = stop;
        }

        public BmcFleetRequest Request { get; }
        public IConfirmingSink Sink { get; }
        public CancellationToken Stop { get; }
    }
}
