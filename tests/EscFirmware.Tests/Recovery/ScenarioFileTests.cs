using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.Core.Recovery;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.FakeBmc;
using EscFirmware.Tests.Module;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Recovery;

/// <summary>The files in scenarios/ load as they are and put the fake in the state their name promises.</summary>
public sealed class ScenarioFileTests : IDisposable
{
    private readonly RecoveryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static FakeBmcOptions Load(string name) =>
        FakeBmcOptions.FromScenarioFile(Path.Combine(BuiltModule.RepoRoot, "scenarios", name + ".json"));

    private EscBmcState Probe(FakeBmcServer server)
    {
        var sink = new RecordingSink();
        new BmcStateReport(FakeTargets.Request(server), _fixture.Settings).Run(sink, CancellationToken.None);
        Assert.Empty(sink.Errors);
        return Assert.Single(sink.OfType<EscBmcState>());
    }

    [Theory]
    [InlineData("update-mode-locked-no-session", BmcState.UpdateModeLocked, false)]
    [InlineData("update-mode-locked-rescue-session", BmcState.UpdateModeLocked, false)] // no journal here: nobody knows the session
    [InlineData("staged-not-flashed", BmcState.UpdateModeLocked, false)]
    [InlineData("session-table-full", BmcState.SessionTableFull, true)]
    [InlineData("login-burst-lockout", BmcState.Healthy, true)]
    public async Task A_scenario_file_gives_its_state(string scenario, BmcState expected, bool recoverable)
    {
        await using var server = await FakeBmcServer.StartAsync(Load(scenario));

        var state = Probe(server);

        Assert.Equal(expected, state.State);
        Assert.Equal(recoverable, state.Recoverable);
        Assert.Empty(server.RequestLog.Mutating);
    }

    [Fact]
    public async Task The_lockout_scenario_locks_out_after_a_burst_of_logins()
    {
        await using var server = await FakeBmcServer.StartAsync(Load("login-burst-lockout"));
        using var http = FakeBmcHttp.Client(server);
        for (var i = 0; i < 11; i++)
        {
            await http.GetBasicAsync(server, "/redfish/v1/Managers");
        }

        Assert.True(server.State.Recovery.IsLockedOut);
        Assert.Equal(BmcState.AuthLockedOut, Probe(server).State);
    }

    [Fact]
    public async Task The_rebooting_scenario_accepts_connections_and_closes_them_and_is_diagnosed_rebooting_not_unreachable()
    {
        await using var server = await FakeBmcServer.StartAsync(Load("rebooting"));

        var state = Probe(server);

        Assert.True(server.State.IsBooting);
        Assert.False(server.State.IsDown); // the port is open: a starting BMC, not a dead one
        Assert.Equal(BmcState.Rebooting, state.State);
        Assert.True(state.Recoverable);
        Assert.StartsWith("Wait and re-check", state.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("AC power drain", state.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("PSU", state.Remedy, StringComparison.Ordinal);
        Assert.Contains(state.Evidence, e => e.Contains("the port took the connection and closed it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Escfw_state_on_the_rebooting_scenario_says_rebooting_wait_and_recheck()
    {
        await using var server = await FakeBmcServer.StartAsync(Load("rebooting"));

        var (code, json) = await Run("state", server.Address, server.CertificateSha256);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("\"State\": \"Rebooting\"", json);
        Assert.Contains("Wait and re-check", json);
        Assert.Contains("escfw state --bmc " + server.Address, json);
        Assert.DoesNotContain("AC power drain", json);
    }

    [Fact]
    public async Task Simulate_writes_the_rescue_journal_so_state_and_exit_update_mode_can_be_tried_by_hand()
    {
        var output = new StringWriter();
        var context = new CliContext(TextWriter.Synchronized(output), new StringWriter(), new StringReader(""), _ => null, isTerminal: false);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var scenario = Path.Combine(BuiltModule.RepoRoot, "scenarios", "update-mode-locked-rescue-session.json");
        var simulate = EscfwApp.RunAsync(new[] { "simulate", "--count", "1", "--scenario", scenario, "--journal-path", _fixture.JournalPath }, context, stop.Token);
        try
        {
            for (var i = 0; i < 200 && !output.ToString().Contains("Press Ctrl+C"); i++) await Task.Delay(50);
            var text = output.ToString();
            Assert.Contains("journal of a killed BIOS update (rescue session, FWUPDATEID 17)", text);
            var match = Regex.Match(text, @"(127\.0\.0\.1:\d+)\s+SHA-256 ([0-9A-F]{64})");
            Assert.True(match.Success, text);

            var (code, json) = await Run("state", match.Groups[1].Value, match.Groups[2].Value);
            Assert.Equal(ExitCodes.Success, code);
            Assert.Contains("\"State\": \"UpdateModeLocked\"", json);
            Assert.Contains("\"Recoverable\": true", json);

            (code, json) = await Run("exit-update-mode", match.Groups[1].Value, match.Groups[2].Value, "--yes");
            Assert.Equal(ExitCodes.Success, code);
            Assert.Contains("\"Recovered\": true", json);
        }
        finally
        {
            stop.Cancel();
            Assert.Equal(ExitCodes.Success, await simulate);
        }
    }

    private async Task<(int, string)> Run(string verb, string address, string thumbprint, params string[] more)
    {
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? new FakeBmcOptions().Password : null, isTerminal: false);
        var args = new[] { verb, "--bmc", address, "--certificate-thumbprint", thumbprint, "--journal-path", _fixture.JournalPath, "--json" }.Concat(more).ToArray();
        return (await EscfwApp.RunAsync(args, context), output.ToString());
    }
}
