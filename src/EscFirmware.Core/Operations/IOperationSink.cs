using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// Where an operation writes its records. A cmdlet implements it over its Write* methods, escfw over the
    /// console, tests over lists. Operations call it only through <see cref="FleetRunner"/>, which makes sure the
    /// calls arrive on the thread that owns the sink (the pipeline thread in PowerShell).
    /// </summary>
    public interface IOperationSink
    {
        void WriteObject(object item);
        void WriteError(OperationError error);
        void WriteWarning(string message);
        void WriteVerbose(string message);
        void WriteDebug(string message);
        void WriteProgress(OperationProgress progress);

        /// <summary>Asks whether a state-changing action may go ahead (ShouldProcess in PowerShell).</summary>
        Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken);
    }
}
