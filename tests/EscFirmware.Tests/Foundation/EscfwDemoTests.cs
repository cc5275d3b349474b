using System.IO;
using System.Threading.Tasks;
using EscFirmware.Cli;
using Xunit;

namespace EscFirmware.Tests.Foundation;

/// <summary>The README's try-it command: it must keep working on a machine with nothing but .NET.</summary>
public sealed class EscfwDemoTests
{
    [Fact]
    public async Task The_demo_upgrades_simulated_bmcs_and_leaves_nothing_open()
    {
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), new StringReader(""), _ => null, isTerminal: false);

        var code = await EscfwApp.RunAsync(new[] { "demo", "--count", "2" }, context);

        var text = output.ToString();
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Before (escfw version", text);
        Assert.Contains("Flashing: writing the BIOS", text);
        Assert.Matches(@"127\.0\.0\.1:\d+\s+1\.29\.1\s+1\.37\.1\s+0603\s+0804\s+Succeeded", text);
        Assert.Matches(@"127\.0\.0\.1:\d+\s+1\.37\.1\s+1\.37\.1\s+0804\s+0804\s+Skipped", text);
        Assert.Contains("Sessions left open: 0. BMCs left in update mode: 0. BIOS writes with a host on: 0.", text);
    }
}
