using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.Tests.Hpm;
using Xunit;

namespace EscFirmware.Tests.Escfw;

/// <summary>Table output (redirected): a failure's problem and next step are printed in full under the table, once,
/// labelled by host, or unlabelled for an error about no host (a missing file).</summary>
public sealed class TableOutputTests
{
    private static async Task<(int Code, string[] Lines)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? "secret" : null, isTerminal: false);
        var code = await EscfwApp.RunAsync(args, context);
        return (code, output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
    }

    [Fact]
    public async Task A_missing_image_shows_its_problem_and_next_step_under_the_table_without_a_host()
    {
        using var dir = new TempDirectory();

        var (code, lines) = await RunAsync("update", "bios", "--bmc", "127.0.0.1:1", "--path", dir.File("missing.HPM"), "--journal-path", dir.File("journal"), "--yes");

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        var message = Array.IndexOf(lines, "Message:");
        Assert.True(message > 2, string.Join("\n", lines));
        Assert.Equal("  The image file '" + dir.File("missing.HPM") + "' does not exist.", lines[message + 1]);
        var next = Array.IndexOf(lines, "Next step:");
        Assert.True(next > message, string.Join("\n", lines));
        Assert.StartsWith("  Check the path; escfw package save", lines[next + 1]);
        Assert.DoesNotContain(lines, l => l.EndsWith(" for :", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_host_shows_its_error_and_next_step_under_a_table_without_a_message_column()
    {
        var dead = "127.0.0.1:" + Foundation.VersionReportTests.FreePort();

        var (code, lines) = await RunAsync("version", "--bmc", dead, "--skip-certificate-check");

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        var error = Array.IndexOf(lines, "Error for " + dead + ":");
        Assert.True(error > 2, string.Join("\n", lines));
        Assert.Contains("could not be reached", lines[error + 1]);
        Assert.False(lines[error + 1].TrimStart().StartsWith(dead, StringComparison.Ordinal), "the host is named once: " + lines[error + 1]);
        Assert.Equal("Next step for " + dead + ":", lines[Array.IndexOf(lines, "Next step for " + dead + ":")]);
        Assert.Single(lines, l => l.Contains("could not be reached"));
    }
}
