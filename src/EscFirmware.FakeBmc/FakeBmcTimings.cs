using System;

namespace EscFirmware.FakeBmc;

/// <summary>Durations of simulated BMC behaviour; tests shrink them to run in seconds.</summary>
public sealed record FakeBmcTimings
{
    /// <summary>How long the BMC is unreachable after <c>Manager.Reset</c>; real BMCs take 2–4 minutes (spec b.5).</summary>
    public TimeSpan BmcRebootDuration { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Idle web sessions expire after this (stock SP-X <c>time_out</c> 1800 s, spec a.1).</summary>
    public TimeSpan WebSessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>The window in which <see cref="FakeBmcFaults.LockoutAfterLogins"/> logins are counted (SM-TUNE: a few seconds).</summary>
    public TimeSpan LoginBurstWindow { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How long a login-burst lockout lasts; about 3 minutes on real BMCs (spec a.1).</summary>
    public TimeSpan AuthLockoutDuration { get; init; } = TimeSpan.FromMinutes(3);
    /// <summary>How long the HPM wizard's SPI write takes (<c>upgradestatus</c> PROGRESS 0 → 100); real BIOS writes take minutes.</summary>
    public TimeSpan HpmFlashDuration { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>How long <c>verifyimagestatus</c> takes to reach 100.</summary>
    public TimeSpan HpmVerifyDuration { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>How long the host takes to turn off after a Redfish GracefulShutdown (ForceOff is immediate).</summary>
    public TimeSpan GracefulShutdownDuration { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>The first POST after a BIOS flash: BiosVersion reads empty this long after power-on, then the new version
    /// (real hosts take 5–15 minutes, spec f).</summary>
    public TimeSpan BiosPostDuration { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Each step of a Redfish flash (Preparing, Downloading, VerifyingFirmware, each Flashing percent, Completed).</summary>
    public TimeSpan FlashStepDuration { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>A pause after each 64 KiB of an upload read (a slow link); zero reads at full speed.</summary>
    public TimeSpan UploadChunkDelay { get; init; } = TimeSpan.Zero;
    /// <summary>How long the HPM wizard holds an image upload in update mode before it accepts it (a slow link).</summary>
    public TimeSpan HpmUploadDuration { get; init; } = TimeSpan.Zero;
}
