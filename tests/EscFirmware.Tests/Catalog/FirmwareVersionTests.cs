using EscFirmware.Core.Versions;
using Xunit;

namespace EscFirmware.Tests.Catalog;

public sealed class FirmwareVersionTests
{
    [Theory]
    [InlineData("1.37.1", "1.37.1.0", VersionOrder.Same)]
    [InlineData("0804", "804", VersionOrder.Same)]
    [InlineData("1.9", "1.10", VersionOrder.Older)]
    [InlineData("1.37.1", "1.29.1", VersionOrder.Newer)]
    [InlineData("0603", "0804", VersionOrder.Older)]
    [InlineData("1.02", "1.2", VersionOrder.Same)]
    [InlineData("v1.37.1", "1.37.1", VersionOrder.Same)]
    [InlineData("1.37", "1.37.1", VersionOrder.Older)]
    [InlineData("0804a", "0804", VersionOrder.Unknown)]
    [InlineData("", "0804", VersionOrder.Unknown)]
    [InlineData(null, null, VersionOrder.Unknown)]
    [InlineData("N/A", "N/A", VersionOrder.Unknown)]
    [InlineData("1..2", "1.2", VersionOrder.Unknown)]
    public void Versions_compare_numerically(string? left, string? right, VersionOrder expected)
    {
        Assert.Equal(expected, FirmwareVersion.Compare(left, right));
    }

    [Fact]
    public void Equal_versions_are_equal_objects()
    {
        Assert.True(FirmwareVersion.TryParse("1.37.1.0", out var a));
        Assert.True(FirmwareVersion.TryParse("1.37.1", out var b));
        Assert.Equal(a, b);
        Assert.Equal(a!.GetHashCode(), b!.GetHashCode());
    }
}
