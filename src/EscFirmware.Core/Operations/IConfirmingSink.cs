namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// The sink of the thread that owns the front end (the pipeline thread in PowerShell): the only one that may ask the
    /// user. Workers see a plain <see cref="IOperationSink"/>, so no worker can wait for an answer: operations that
    /// change a BMC plan first, the runner asks here, and only approved plans run (<see cref="FleetRunner.RunPlanned{T}"/>).
    /// </summary>
    public interface IConfirmingSink : IOperationSink
    {
        /// <summary>Whether a state-changing action may go ahead (ShouldProcess in PowerShell; false under -WhatIf).</summary>
        bool ShouldProcess(string target, string action);
    }
}
