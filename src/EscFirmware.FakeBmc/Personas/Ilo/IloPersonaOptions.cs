using System;

namespace EscFirmware.FakeBmc;

/// <summary>The HPE iLO persona's timings and faults (seed 004). Durations run on the fake's clock.</summary>
public sealed record IloPersonaOptions
{
    /// <summary>How long <c>Oem.Hpe.State</c> stays in each of Verifying and Writing after an upload.</summary>
    public TimeSpan UploadStepDuration { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>How long an ApplyUpdate task stays InProgress (and <c>Oem.Hpe.State</c> Updating).</summary>
    public TimeSpan ApplyDuration { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>The repository's size (<c>Oem.Hpe.TotalSizeBytes</c>).</summary>
    public long RepositoryBytes { get; init; } = 1_073_168_384;
    /// <summary>The service is busy (a firmware integrity scan, a flash by someone else): <c>Oem.Hpe.State</c> Updating, uploads refused.</summary>
    public bool Busy { get; init; }
    /// <summary>ApplyUpdate tasks end in Exception (with a Result message) instead of Complete.</summary>
    public bool TaskException { get; init; }
    /// <summary>Uploads are refused: <c>Oem.Hpe.State</c> goes to Error with a Result saying why.</summary>
    public bool UploadRefused { get; init; }
    /// <summary>Every session ends when a task starts (the client must log in again).</summary>
    public bool ExpireSessionsOnTaskStart { get; init; }
}
