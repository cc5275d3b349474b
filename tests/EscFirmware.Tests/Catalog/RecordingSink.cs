using System.Collections.Generic;
using System.Linq;
using EscFirmware.Core.Operations;

namespace EscFirmware.Tests.Catalog;

/// <summary>An operation sink that keeps every record, answering ShouldProcess with <see cref="Confirm"/>.</summary>
public sealed class RecordingSink : IConfirmingSink
{
    public List<object> Objects { get; } = new();
    public List<OperationError> Errors { get; } = new();
    public List<string> Warnings { get; } = new();
    public List<string> Verbose { get; } = new();
    public List<OperationProgress> Progress { get; } = new();
    public bool Confirm { get; set; } = true;

    public IEnumerable<T> Of<T>() => Objects.OfType<T>();

    public void WriteObject(object item) => Objects.Add(item);
    public void WriteError(OperationError error) => Errors.Add(error);
    public void WriteWarning(string message) => Warnings.Add(message);
    public void WriteVerbose(string message) => Verbose.Add(message);
    public void WriteDebug(string message) { }
    public void WriteProgress(OperationProgress progress) => Progress.Add(progress);
    public bool ShouldProcess(string target, string action) => Confirm;
}
