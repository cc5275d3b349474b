using System.Collections.Generic;
using System.Linq;
using EscFirmware.Core.Operations;

namespace EscFirmware.Tests.Support;

/// <summary>A sink that keeps every record of every stream, as a cmdlet with all preferences on would see them.</summary>
public sealed class RecordingSink : IConfirmingSink
{
    private readonly bool _confirm;

    public RecordingSink(bool confirm = true) => _confirm = confirm;

    public List<object> Objects { get; } = new();
    public List<OperationError> Errors { get; } = new();
    public List<string> Warnings { get; } = new();
    public List<string> Verbose { get; } = new();
    public List<string> Debug { get; } = new();
    public List<OperationProgress> Progress { get; } = new();
    public List<(string Target, string Action)> ShouldProcessCalls { get; } = new();
    public int PipelineThreadId { get; } = System.Environment.CurrentManagedThreadId;
    public bool AllCallsOnPipelineThread { get; private set; } = true;

    public IEnumerable<T> OfType<T>() => Objects.OfType<T>();

    public void WriteObject(object item) { Check(); Objects.Add(item); }
    public void WriteError(OperationError error) { Check(); Errors.Add(error); }
    public void WriteWarning(string message) { Check(); Warnings.Add(message); }
    public void WriteVerbose(string message) { Check(); Verbose.Add(message); }
    public void WriteDebug(string message) { Check(); Debug.Add(message); }
    public void WriteProgress(OperationProgress progress) { Check(); Progress.Add(progress); OnProgress?.Invoke(progress); }

    /// <summary>Called with every progress record as it arrives (on the pipeline thread): a test acts at a phase of its choosing.</summary>
    public System.Action<OperationProgress>? OnProgress { get; set; }

    public bool ShouldProcess(string target, string action)
    {
        Check();
        ShouldProcessCalls.Add((target, action));
        return _confirm;
    }

    /// <summary>Everything any stream carried, as text: what a leak test searches.</summary>
    public string AllText() => string.Join("\n",
        Objects.Select(o => System.Text.Json.JsonSerializer.Serialize(o, o.GetType()))
            .Concat(Errors.SelectMany(e => new[] { e.Message, e.RecommendedAction ?? "", e.VendorCode ?? "", e.Exception?.ToString() ?? "" }))
            .Concat(Warnings).Concat(Verbose).Concat(Debug)
            .Concat(Progress.Select(p => p.Activity + " " + p.Status))
            .Concat(ShouldProcessCalls.Select(c => c.Target + " " + c.Action)));

    private void Check()
    {
        if (System.Environment.CurrentManagedThreadId != PipelineThreadId) AllCallsOnPipelineThread = false;
    }
}
