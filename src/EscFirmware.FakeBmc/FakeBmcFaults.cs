namespace EscFirmware.FakeBmc;

/// <summary>Behaviours seen on some builds that a scenario can switch on. Update-flow faults join here.</summary>
public sealed record FakeBmcFaults
{
    /// <summary>A second web login by the same account invalidates the first (seen on Gigabyte SP-X 12.x, spec a.1).</summary>
    public bool SecondWebLoginEvictsFirst { get; init; }
    /// <summary>More than this many logins (web, Redfish, Basic auth) within <see cref="FakeBmcTimings.LoginBurstWindow"/> lock authentication out (web 1012, Redfish AccessDenied); 0 = never (spec a.1, c).</summary>
    public int LockoutAfterLogins { get; init; }
}
