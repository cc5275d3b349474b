using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.FakeBmc;
using Spectre.Console.Testing;
using Xunit;

namespace EscFirmware.Tests.Recovery;

/// <summary>escfw state and escfw exit-update-mode end to end, in process, against the fake.</summary>
public sealed class EscfwRecoveryTests : IDisposable
{
    private readonly RecoveryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private async Task<(int Code, string Out, string Err)> Escfw(FakeBmcServer server, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? server.Options.Password : null, isTerminal: false);
        var all = args.Concat(new[] { "--bmc", server.Address, "--certificate-thumbprint", server.CertificateSha256, "--journal-path", _fixture.JournalPath }).ToArray();
        var code = await EscfwApp.RunAsync(all, context);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Acceptance_exit_update_mode_on_a_locked_BMC_without_a_session_shows_the_AC_drain_steps_in_the_table_output()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Start = new FakeBmcStartState { UpdateModeId = RecoveryFixture.FwUpdateId } });

        var (code, output, _) = await Escfw(server, "exit-update-mode", "--yes");

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        var lines = output.Split('\n');
        Assert.Contains("Impossible", lines[2]);
        var remedy = Array.IndexOf(lines, "Remedy for " + server.Address + ":");
        Assert.True(remedy > 2, output);
        Assert.Contains("AC power drain", lines[remedy + 1]);
        Assert.Contains("switch off both PSU power cords", lines[remedy + 1]);
        Assert.Contains("wait 30 seconds", lines[remedy + 1]);
        Assert.Contains("escfw state --bmc " + server.Address, lines[remedy + 1]);
        Assert.DoesNotContain("Get-EscBmcState", output);
        Assert.Empty(server.RequestLog.Mutating);

        // On a terminal the same steps appear under the table, wrapped to its width.
        var console = new TestConsole().Width(100);
        var context = new CliContext(new StringWriter(), new StringWriter(), new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? server.Options.Password : null, isTerminal: true, console);
        await EscfwApp.RunAsync(new[] { "exit-update-mode", "--yes", "--bmc", server.Address, "--certificate-thumbprint", server.CertificateSha256, "--journal-path", _fixture.JournalPath }, context);
        var screen = string.Join(" ", console.Lines.Select(l => l.Trim()));
        Assert.Contains("Impossible", screen);
        Assert.Contains("switch off both PSU power cords (or both PDU outlets) of the server, wait 30 seconds, switch them back on.", screen);
        Assert.All(console.Lines, l => Assert.True(l.Length <= 100, l));
    }

    private static JsonObject Single(string json) => Assert.Single(JsonNode.Parse(json)!.AsArray())!.AsObject();

    [Fact]
    public async Task Acceptance_locked_with_no_session_alive_state_says_UpdateModeLocked_not_recoverable_AC_drain()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Start = new FakeBmcStartState { UpdateModeId = RecoveryFixture.FwUpdateId } });

        var (code, output, _) = await Escfw(server, "state", "--json");

        Assert.Equal(ExitCodes.Success, code);
        var host = Single(output);
        Assert.Equal(server.Address, (string?)host["ComputerName"]);
        Assert.Equal("UpdateModeLocked", (string?)host["State"]);
        Assert.False((bool)host["Recoverable"]!);
        Assert.Contains("both PSU power cords", (string?)host["Remedy"]);
        Assert.Contains("30 seconds", (string?)host["Remedy"]);
        Assert.Contains(host["Evidence"]!.AsArray(), e => ((string?)e)!.Contains("code 1348"));
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Equal(0, server.State.ActiveWebSessions + server.State.ActiveRedfishSessions);

        var (exitCode, exitOutput, _) = await Escfw(server, "exit-update-mode", "--yes", "--json");

        Assert.Equal(ExitCodes.SomeTargetFailed, exitCode);
        var exit = Single(exitOutput);
        Assert.Equal("Impossible", (string?)exit["Action"]);
        Assert.False((bool)exit["Recovered"]!);
        Assert.Equal("Failed", (string?)exit["Status"]); // never "Succeeded" next to Recovered false
        Assert.Contains("PSU power cords", (string?)exit["Remedy"]);
        Assert.Empty(server.RequestLog.Mutating);
    }

    [Fact]
    public async Task Acceptance_a_killed_BIOS_update_with_a_live_rescue_session_is_brought_back_and_then_Healthy()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Timings = RecoveryFixture.FastWizard });
        var id = await _fixture.KillBiosUpdateInUpdateModeAsync(server);

        var (code, output, _) = await Escfw(server, "state", "--json");
        Assert.Equal(ExitCodes.Success, code);
        var before = Single(output);
        Assert.Equal("UpdateModeLocked", (string?)before["State"]);
        Assert.True((bool)before["Recoverable"]!);
        Assert.Equal(id, (int?)before["FwUpdateId"]);
        Assert.Contains("escfw exit-update-mode --bmc " + server.Address, (string?)before["Remedy"]);
        Assert.DoesNotContain("Exit-EscUpdateMode", output);
        Assert.Empty(server.RequestLog.Mutating);

        var (exitCode, exitOutput, _) = await Escfw(server, "exit-update-mode", "--yes", "--json");
        Assert.Equal(ExitCodes.Success, exitCode);
        var exit = Single(exitOutput);
        Assert.Equal("Exited", (string?)exit["Action"]);
        Assert.True((bool)exit["Recovered"]!);
        Assert.Equal("JournalRescueSession", (string?)exit["SessionUsed"]);
        Assert.Equal(id, (int?)exit["FwUpdateId"]);
        Assert.Null(_fixture.JournalOf(server).Read()!.RescueSession);

        var (afterCode, afterOutput, _) = await Escfw(server, "state", "--json");
        Assert.Equal(ExitCodes.Success, afterCode);
        Assert.Equal("Healthy", (string?)Single(afterOutput)["State"]);
        Assert.Equal(0, server.State.ActiveWebSessions + server.State.ActiveRedfishSessions);
        Assert.Empty(server.State.HpmWizard.Violations);
    }

    [Fact]
    public async Task Exit_update_mode_whatif_sends_nothing_and_the_table_shows_the_action()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var id = await _fixture.KillBiosUpdateInUpdateModeAsync(server);

        var (code, output, error) = await Escfw(server, "exit-update-mode", "--whatif");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("What if: " + server.Address + ": leave firmware-update mode (FWUPDATEID " + id + ")", error);
        Assert.StartsWith("ComputerName", output);
        Assert.Contains("WhatIf", output);
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Equal(id, server.State.UpdateModeId);
    }

    [Fact]
    public async Task Exit_update_mode_without_a_terminal_or_yes_is_a_usage_error_that_touches_nothing()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        await _fixture.KillBiosUpdateInUpdateModeAsync(server);

        var (code, _, error) = await Escfw(server, "exit-update-mode");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--yes", error);
        Assert.Empty(server.RequestLog.Entries);
    }

    [Fact]
    public async Task State_prints_a_table_and_each_remedy_in_full_under_it()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { MaxWebSessions = 3, Start = new FakeBmcStartState { OpenWebSessions = 3 } });

        var (code, output, _) = await Escfw(server, "state");

        Assert.Equal(ExitCodes.Success, code);
        var lines = output.Split('\n');
        Assert.StartsWith("ComputerName", lines[0]);
        Assert.DoesNotContain("Remedy", lines[0]);
        Assert.Contains("SessionTableFull", lines[2]);
        var remedy = System.Array.IndexOf(lines, "Remedy for " + server.Address + ":");
        Assert.True(remedy > 2, output);
        Assert.Contains("mc reset cold", lines[remedy + 1]);
        Assert.Contains("escfw state --bmc " + server.Address, lines[remedy + 1]);
    }
}
