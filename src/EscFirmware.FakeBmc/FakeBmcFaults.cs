using System;

namespace EscFirmware.FakeBmc;

/// <summary>Behaviours seen on some builds that a scenario can switch on. Update-flow faults join here.</summary>
public sealed record FakeBmcFaults
{
    /// <summary>A second web login by the same account invalidates the first (seen on Gigabyte SP-X 12.x, spec a.1).</summary>
    public bool SecondWebLoginEvictsFirst { get; init; }
    /// <summary>More than this many logins (web, Redfish, Basic auth) within <see cref="FakeBmcTimings.LoginBurstWindow"/> lock authentication out (web 1012, Redfish AccessDenied); 0 = never (spec a.1, c).</summary>
    public int LockoutAfterLogins { get; init; }
    /// <summary>The HPM component upload's connection is dropped after this many body bytes (spec 6 #1); null = never.</summary>
    public long? HpmUploadResetAfterBytes { get; init; }
    /// <summary>The SPI write fails when PROGRESS reaches this percent: <c>upgradestatus</c> then reports -1; null = never.</summary>
    public int? HpmFlashFailsAtPercent { get; init; }
    /// <summary>For this long after <c>hpm/flash</c> the BMC is quiet: <c>upgradestatus</c> answers 503 or holds the
    /// request until the window ends and drops it (spec a.3, SM-REF).</summary>
    public System.TimeSpan HpmFlashQuietWindow { get; init; }
    /// <summary>The web session that made this wizard call (e.g. "oemfw", "flash") is dropped right after it (401 from
    /// then on): the primary session dying mid-wizard; null = never.</summary>
    public string? HpmDropSessionAfter { get; init; }
    /// <summary>Every web session (the rescue session too) ends right after this wizard call: the web server restarting
    /// mid-wizard; update mode stays; null = never.</summary>
    public string? HpmDropAllSessionsAfter { get; init; }
    /// <summary>The power-restore policy turns the host on once the component upload has arrived, before
    /// <c>hpm/flash</c> (spec 6 #8).</summary>
    public bool HpmPowerOnByPolicyAfterUpload { get; init; }
    /// <summary>The first Redfish upload's connection is reset after this many file bytes (spec hpm-and-safety 6 #1).</summary>
    public long? ResetUploadAfterBytes { get; init; }
    /// <summary>After the flash reboot Redfish answers 503 with Retry-After for this long (still booting, 6 #2).</summary>
    public TimeSpan UnavailableAfterReboot { get; init; }
    /// <summary>The first this many Redfish requests (whatever they are, session logins included) answer 503 with
    /// Retry-After: a BMC still booting or busy for a moment (6 #2).</summary>
    public int RedfishUnavailableFirstRequests { get; init; }
    /// <summary>The first this many Redfish session logins (<c>POST SessionService/Sessions</c>) answer 503 with Retry-After,
    /// whatever came before them: a BMC busy for a moment when a run logs in.</summary>
    public int RedfishUnavailableFirstLogins { get; init; }
    /// <summary>The Retry-After those 503 answers carry, in seconds.</summary>
    public int RedfishUnavailableRetryAfterSeconds { get; init; } = 1;
    /// <summary>Redfish sessions end this long after their creation (their token then gets 401); null = never (6 #4).</summary>
    public TimeSpan? RedfishTokenLifetime { get; init; }
    /// <summary>Every Redfish session ends while the flash runs (6 #4).</summary>
    public bool ExpireSessionsWhileFlashing { get; init; }
    /// <summary>The update task is gone (404) after the reboot (6 #7).</summary>
    public bool TaskMissingAfterReboot { get; init; }
    /// <summary>Flash progress freezes at this percent and never completes (6 #10).</summary>
    public int? StuckFlashAtPercent { get; init; }
    /// <summary>An update already runs at start: UpdateStatus Flashing, uploads refused with UpdateInProgress (6 #3).</summary>
    public bool UpdateAlreadyRunning { get; init; }
}
