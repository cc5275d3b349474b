namespace EscFirmware.FakeBmc;

/// <summary>Behaviours seen on some builds that a scenario can switch on. Update-flow faults join here.</summary>
public sealed record FakeBmcFaults
{
    /// <summary>A second web login by the same account invalidates the first (seen on Gigabyte SP-X 12.x, spec a.1).</summary>
    public bool SecondWebLoginEvictsFirst { get; init; }
}
