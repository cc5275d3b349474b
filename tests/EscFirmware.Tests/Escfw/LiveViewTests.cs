using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.BiosUpdate;
using EscFirmware.Tests.Support;
using Spectre.Console.Testing;
using Xunit;
using Xunit.Abstractions;

namespace EscFirmware.Tests.Escfw;

/// <summary>escfw on a terminal (a Spectre test console emitting real ANSI sequences, replayed on a virtual terminal).</summary>
public sealed class LiveViewTests
{
    private const int Width = 120;
    private static readonly Regex Milestone = new(@"^\d+:\d\d +127\.0\.0\.1:\d+ +\S");
    private readonly ITestOutputHelper _output;

    public LiveViewTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task A_two_host_BIOS_update_shows_whole_milestone_lines_above_the_live_region_and_a_table_that_fits()
    {
        await using var first = await BiosUpdateFixture.StartAsync(PowerState.On);
        await using var second = await BiosUpdateFixture.StartAsync(PowerState.Off);
        var console = new TestConsole().Width(Width).Height(40).SupportsAnsi(true).Interactive().EmitAnsiSequences();
        var plain = new StringWriter();
        var context = new CliContext(plain, plain, new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? first.Bmc.Options.Password : null, isTerminal: true, console);

        var code = await EscfwApp.RunAsync(new[]
        {
            "update", "bios", "--bmc", first.Bmc.Address, "--bmc", second.Bmc.Address,
            "--certificate-thumbprint", first.Bmc.CertificateSha256, "--certificate-thumbprint", second.Bmc.CertificateSha256,
            "--path", first.ImagePath, "--shutdown-host", "--poll-interval-sec", "1", "--journal-path", first.JournalFolder, "--yes",
        }, context);

        var terminal = new VirtualTerminal(Width, console.Output);
        _output.WriteLine(terminal.Screen);
        Assert.True(code == ExitCodes.Success, terminal.Screen + plain);
        Assert.Equal(0, terminal.Wrapped);
        var rows = terminal.Rows.Where(r => r.Length > 0).ToList();
        // Each host's phases are whole lines of their own: time, host, phase and text, nothing appended.
        var milestones = rows.Where(r => Milestone.IsMatch(r)).ToList();
        foreach (var host in new[] { first.Bmc.Address, second.Bmc.Address })
        {
            Assert.Contains(milestones, r => r.Contains(host + " ") && r.Contains("PreFlight:"));
            Assert.Contains(milestones, r => r.Contains(host + " ") && r.Contains("Flashing:"));
            Assert.Contains(milestones, r => r.Contains(host + " ") && r.Contains("Succeeded"));
        }
        Assert.All(milestones, r => Assert.Single(Regex.Matches(r, @"127\.0\.0\.1:\d+")));
        // The live region is gone; the result table follows the milestones with one row per host, inside the width.
        Assert.DoesNotContain(rows, r => r.Contains("Last milestone"));
        var header = rows.FindIndex(r => r.Contains("ComputerName") && r.Contains("Status"));
        Assert.True(header > rows.FindLastIndex(r => Milestone.IsMatch(r)), terminal.Screen);
        Assert.Equal(2, rows.Skip(header).Count(r => r.TrimStart().StartsWith("127.0.0.1:") && r.Contains("Succeeded")));
        Assert.All(terminal.Rows, r => Assert.True(r.Length <= Width));
        first.AssertCleanEnd();
    }

    [Fact]
    public async Task A_version_table_keeps_each_host_on_one_row_with_whole_headers_and_values()
    {
        await using var first = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        await using var second = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var console = new TestConsole().Width(Width).Height(40).SupportsAnsi(true).Interactive().EmitAnsiSequences();
        var plain = new StringWriter();
        var context = new CliContext(plain, plain, new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? first.Options.Password : null, isTerminal: true, console);

        var code = await EscfwApp.RunAsync(new[]
        {
            "version", "--bmc", first.Address, "--bmc", second.Address,
            "--certificate-thumbprint", first.CertificateSha256, "--certificate-thumbprint", second.CertificateSha256,
        }, context);

        var terminal = new VirtualTerminal(Width, console.Output);
        _output.WriteLine(terminal.Screen);
        Assert.True(code == ExitCodes.Success, terminal.Screen + plain);
        var rows = terminal.Rows.Where(r => r.Trim().Length > 0 && !r.Trim().All(c => c == '─')).ToList();
        // A header and one row per host: a cell wrapped onto a second row would add a row, a squeezed one an ellipsis.
        Assert.Equal(3, rows.Count);
        Assert.DoesNotContain(rows, r => r.Contains('…'));
        Assert.All(rows.Skip(1), r => Assert.Contains(first.Options.Model, r));
    }
}
