using System.Collections.Generic;
using EscFirmware.Core.Operations;

namespace EscFirmware.Benchmarks;

/// <summary>Counts what an operation writes (objects, errors, requests traced to debug) without keeping it.</summary>
internal sealed class CountingSink : IConfirmingSink
{
    public int Objects { get; private set; }
    public int Requests { get; private set; }
    public List<string> Errors { get; } = new();
    public List<object> Kept { get; } = new();
    public bool Keep { get; init; }

    public void WriteObject(object item)
    {
        Objects++;
        if (Keep) Kept.Add(item);
    }

    public void WriteError(OperationError error) => Errors.Add(error.Target + ": " + error.ErrorId + " " + error.Message);
    public void WriteWarning(string message) { }
    public void WriteVerbose(string message) { }
    public void WriteDebug(string message) => Requests++;
    public void WriteProgress(OperationProgress progress) { }
    public bool ShouldProcess(string target, string action) => true;
}
