using System;

namespace EscFirmware.FakeBmc;

/// <summary>Behaviours seen on some builds that a scenario can switch on. Update-flow faults join here.</summary>
public sealed record FakeBmcFaults
{
    /// <summary>A second web login by the same account invalidates the first (seen on Gigabyte SP-X 12.x, spec a.1).</summary>
    public bool SecondWebLoginEvictsFirst { get; init; }
    /// <summary>The first Redfish upload's connection is reset after this many file bytes (spec hpm-and-safety 6 #1).</summary>
    public long? ResetUploadAfterBytes { get; init; }
    /// <summary>After the flash reboot Redfish answers 503 with Retry-After for this long (still booting, 6 #2).</summary>
    public TimeSpan UnavailableAfterReboot { get; init; }
    /// <summary>Every Redfish session ends while the flash runs (6 #4).</summary>
    public bool ExpireSessionsWhileFlashing { get; init; }
    /// <summary>The update task is gone (404) after the reboot (6 #7).</summary>
    public bool TaskMissingAfterReboot { get; init; }
    /// <summary>Flash progress freezes at this percent and never completes (6 #10).</summary>
    public int? StuckFlashAtPercent { get; init; }
    /// <summary>An update already runs at start: UpdateStatus Flashing, uploads refused with UpdateInProgress (6 #3).</summary>
    public bool UpdateAlreadyRunning { get; init; }
}
