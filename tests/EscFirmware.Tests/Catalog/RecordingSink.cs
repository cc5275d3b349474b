using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;

namespace EscFirmware.Tests.Catalog;

/// <summary>An operation sink that keeps every record, answering ShouldProcess with <see cref="Confirm"/>.</summary>
public sealed class RecordingSink : IOperationSink
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
    public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) => Task.FromResult(Confirm);
}
