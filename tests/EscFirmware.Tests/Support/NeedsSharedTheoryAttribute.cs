using Xunit;

namespace EscFirmware.Tests.Support;

/// <summary>A theory that reads ../shared (specs, DMTF mockups): skipped, saying why, where that folder is absent.</summary>
public sealed class NeedsSharedTheoryAttribute : TheoryAttribute
{
    public NeedsSharedTheoryAttribute()
    {
        if (SharedFolder.Find() == null)
        {
            Skip = "../shared is not beside this checkout, so the DMTF Redfish mockups it holds cannot be served.";
        }
    }
}
