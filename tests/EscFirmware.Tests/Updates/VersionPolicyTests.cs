using EscFirmware.Core.Updates;
using Xunit;

namespace EscFirmware.Tests.Updates;

public sealed class VersionPolicyTests
{
    [Theory]
    [InlineData("1.29.1", "1.37.1", false, false, VersionDecisionKind.Update, null)]
    [InlineData("1.37.1", "1.37.1.0", false, false, VersionDecisionKind.Skip, null)]
    [InlineData("1.37.1", "1.37.1", true, false, VersionDecisionKind.Update, null)]
    [InlineData("1.37.1", "1.29.1", false, false, VersionDecisionKind.Refuse, "EscDowngradeRefused")]
    [InlineData("1.37.1", "1.29.1", true, false, VersionDecisionKind.Refuse, "EscDowngradeRefused")]
    [InlineData("1.37.1", "1.29.1", false, true, VersionDecisionKind.Update, null)]
    [InlineData("1.9.0", "1.10.0", false, false, VersionDecisionKind.Update, null)]
    [InlineData("", "1.37.1", false, false, VersionDecisionKind.Refuse, "EscVersionUnknown")]
    [InlineData("1.37.1", "garbage", true, true, VersionDecisionKind.Refuse, "EscVersionUnknown")]
    public void Decides_by_numeric_order_with_separate_overrides(string current, string target, bool force, bool allowDowngrade, VersionDecisionKind expected, string? errorId)
    {
        var decision = VersionPolicy.Decide(FirmwareComponent.Bmc, current, target, force, allowDowngrade);

        Assert.Equal(expected, decision.Kind);
        Assert.Equal(errorId, decision.ErrorId);
        Assert.False(string.IsNullOrEmpty(decision.Reason));
    }

    [Fact]
    public void Bios_versions_compare_as_four_digits()
    {
        Assert.Equal(VersionDecisionKind.Skip, VersionPolicy.Decide(FirmwareComponent.Bios, "804", "0804", false, false).Kind);
        Assert.Equal(VersionDecisionKind.Update, VersionPolicy.Decide(FirmwareComponent.Bios, "0603", "0804", false, false).Kind);
    }
}
