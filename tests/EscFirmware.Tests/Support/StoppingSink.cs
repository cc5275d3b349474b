using System;
using EscFirmware.Core.Operations;

namespace EscFirmware.Tests.Support;

/// <summary>What PowerShell throws from every Write* once a pipeline is stopped (Ctrl+C, a stopped job, -ErrorAction Stop).</summary>
public sealed class SimulatedPipelineStoppedException() : Exception("The pipeline has been stopped.");

/// <summary>
/// A pipeline-thread sink that behaves like a cmdlet whose pipeline gets stopped: it records normally until
/// <c>recordsBeforeStop</c> records have arrived (or <see cref="StopNow"/> is called), then throws
/// <see cref="SimulatedPipelineStoppedException"/> from every call, ShouldProcess included.
/// </summary>
public sealed class StoppingSink(int recordsBeforeStop = int.MaxValue, bool confirm = true) : IConfirmingSink
{
    private int _records;
    private volatile bool _stopped;

    public RecordingSink Inner { get; } = new(confirm);
    public bool Stopped => _stopped;
    public int ThrowCount { get; private set; }

    /// <summary>Stop when the next record arrives, e.g. once a phase of interest has been seen.</summary>
    public void StopNow() => _stopped = true;

    /// <summary>Stop once a verbose line or progress status contains this text.</summary>
    public string? StopOn { get; init; }

    /// <summary>Stop at the first error or failed update result, as -ErrorAction Stop turns it into a terminating error.</summary>
    public bool StopOnFailure { get; init; }

    public void WriteObject(object item)
    {
        if (StopOnFailure && item is EscFirmware.Core.Updates.EscFirmwareUpdateResult { Status: EscFirmware.Core.Updates.UpdateStatus.Failed }) StopNow();
        Gate(null);
        Inner.WriteObject(item);
    }

    public void WriteError(OperationError error)
    {
        if (StopOnFailure) StopNow();
        Gate(null);
        Inner.WriteError(error);
    }
    public void WriteWarning(string message) { Gate(message); Inner.WriteWarning(message); }
    public void WriteVerbose(string message) { Gate(message); Inner.WriteVerbose(message); }
    public void WriteDebug(string message) { Gate(null); Inner.WriteDebug(message); }
    public void WriteProgress(OperationProgress progress) { Gate(progress.Status); Inner.WriteProgress(progress); }

    public bool ShouldProcess(string target, string action)
    {
        Gate(null);
        return Inner.ShouldProcess(target, action);
    }

    private void Gate(string? text)
    {
        if (!_stopped && (++_records > recordsBeforeStop || (StopOn != null && text != null && text.Contains(StopOn, StringComparison.Ordinal))))
        {
            _stopped = true;
        }
        if (!_stopped) return;
        ThrowCount++;
        throw new SimulatedPipelineStoppedException();
    }
}
