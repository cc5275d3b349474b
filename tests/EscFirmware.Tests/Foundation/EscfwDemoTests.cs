using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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

        // The closing lines point at an audit log that outlives the demo, and the command they print reads it back.
        var trail = Regex.Match(text, @"Audit trail: (?<count>\d+) records, kept in (?<path>\S+)\n");
        var readBack = Regex.Match(text, @"Read them back: escfw (?<args>audit --audit-path \S+)\n");
        Assert.True(trail.Success && readBack.Success, text);
        var path = trail.Groups["path"].Value;
        try
        {
            var audit = new StringWriter();
            var auditCode = await EscfwApp.RunAsync(readBack.Groups["args"].Value.Split(' ').Append("--json").ToArray(), new CliContext(audit, new StringWriter(), new StringReader(""), _ => null, isTerminal: false));
            Assert.Equal(ExitCodes.Success, auditCode);
            Assert.Equal(int.Parse(trail.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture), JsonNode.Parse(audit.ToString())!.AsArray().Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
