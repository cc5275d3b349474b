namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// Where an operation writes its records. A cmdlet implements it over its Write* methods, escfw over the
    /// console, tests over lists. Operations call it only through <see cref="FleetRunner"/>, which makes sure the
    /// calls arrive on the thread that owns the sink (the pipeline thread in PowerShell); the sink a worker is given
    /// never throws. Asking the user is not here: see <see cref="IConfirmingSink"/>.
    /// </summary>
    public interface IOperationSink
    {
        void WriteObject(object item);
        void WriteError(OperationError error);
        void WriteWarning(string message);
        void WriteVerbose(string message);
        void WriteDebug(string message);
        void WriteProgress(OperationProgress progress);
    }
}
