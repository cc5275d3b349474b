using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using Xunit;

namespace EscFirmware.Tests.Foundation;

public sealed class BmcTargetTests
{
    [Theory]
    [InlineData("bmc17", "bmc17", 443, "bmc17")]
    [InlineData(" 10.0.0.5:8443 ", "10.0.0.5", 8443, "10.0.0.5:8443")]
    [InlineData("[fe80::1]:444", "fe80::1", 444, "[fe80::1]:444")]
    [InlineData("fe80::1", "fe80::1", 443, "fe80::1")]
    [InlineData("bmc.example:443", "bmc.example", 443, "bmc.example")]
    public void Parses_host_and_optional_port(string text, string host, int port, string display)
    {
        var target = BmcTarget.Parse(text);
        Assert.Equal(host, target.Host);
        Assert.Equal(port, target.Port);
        Assert.Equal(display, target.DisplayName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://bmc17")]
    [InlineData("bmc17:0")]
    [InlineData("bmc17:70000")]
    [InlineData("bmc17:http")]
    [InlineData("[fe80::1")]
    public void Refuses_what_is_not_an_address(string text)
    {
        var error = Assert.Throws<EscFirmwareException>(() => BmcTarget.Parse(text));
        Assert.Equal("EscInvalidBmcAddress", error.ErrorId);
        Assert.NotNull(error.RecommendedAction);
    }

    [Fact]
    public void The_same_bmc_twice_is_one_target()
    {
        Assert.Equal(BmcTarget.Parse("BMC17"), BmcTarget.Parse("bmc17:443"));
        var request = new BmcFleetRequest(new[] { BmcTarget.Parse("bmc17"), BmcTarget.Parse("BMC17:443") },
            BmcCredential.FromPlainText("admin", "x"), TlsPolicy.Validate);
        Assert.Single(request.Targets);
    }
}
