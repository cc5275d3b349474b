using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.Core.Audit;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Upgrades;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Recovery;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Upgrades;

public sealed class FirmwareUpgradeTests
{
    [Fact]
    public async Task A_mixed_fleet_gets_the_right_outcome_per_server_bmc_before_bios_and_the_host_off_during_the_write()
    {
        await using var fleet = await UpgradeFleet.StartAsync(
            UpgradeFleet.Current(),
            UpgradeFleet.Behind(PowerState.On),
            UpgradeFleet.Behind() with { Model = "RS700-E12-RS12U" },
            UpgradeFleet.Behind() with { Faults = new FakeBmcFaults { HpmFlashFailsAtPercent = 40 } });
        var (current, behind, otherModel, failing) = (fleet.Servers[0], fleet.Servers[1], fleet.Servers[2], fleet.Servers[3]);
        var options = fleet.Options();
        options.Model = "ESC8000-E12P";

        var sink = fleet.Run(options);

        var skipped = UpgradeFleet.SummaryOf(sink, current);
        Assert.Equal((UpgradeStatus.Skipped, "1.37.1", "0804"), (skipped.Status, skipped.BmcTo, skipped.BiosTo));
        Assert.Empty(current.RequestLog.Mutating);

        var done = UpgradeFleet.SummaryOf(sink, behind);
        Assert.Equal(UpgradeStatus.Succeeded, done.Status);
        Assert.Equal(("1.29.1", "1.37.1", "0603", "0804"), (done.BmcFrom, done.BmcTo, done.BiosFrom, done.BiosTo));
        Assert.Equal("1.37.1", behind.State.BmcVersion);
        Assert.Equal("0804", behind.State.BiosVersion);
        var upload = behind.RequestLog.Entries.First(e => e.Path.EndsWith("/UpdateService/upload", StringComparison.Ordinal)).Time;
        var updateMode = behind.RequestLog.Entries.First(e => e.Path.EndsWith("/hpm/updatemode", StringComparison.Ordinal)).Time;
        Assert.True(upload < updateMode, "the BIOS wizard started before the BMC update");

        var wrong = UpgradeFleet.SummaryOf(sink, otherModel);
        Assert.Equal(UpgradeStatus.Failed, wrong.Status);
        Assert.All(sink.OfType<EscFirmwareUpdateResult>().Where(r => r.ComputerName == otherModel.Address), r => Assert.Equal("EscImageWrongModel", r.ErrorId));
        Assert.Empty(otherModel.RequestLog.Mutating);

        var broken = UpgradeFleet.SummaryOf(sink, failing);
        Assert.Equal(UpgradeStatus.Failed, broken.Status);
        var failingResults = sink.OfType<EscFirmwareUpdateResult>().Where(r => r.ComputerName == failing.Address).ToList();
        Assert.Equal(UpdateStatus.Succeeded, failingResults.Single(r => r.Component == FirmwareComponent.Bmc).Status);
        Assert.Equal(UpdateStatus.Failed, failingResults.Single(r => r.Component == FirmwareComponent.Bios).Status);
        await fleet.AssertCleanAsync();
    }

    [Fact]
    public async Task A_second_run_skips_every_server_already_at_target_and_writes_nothing_to_them()
    {
        await using var fleet = await UpgradeFleet.StartAsync(UpgradeFleet.Behind(), UpgradeFleet.Behind(PowerState.Off));
        Assert.All(fleet.Run(fleet.Options()).OfType<EscFirmwareUpgradeSummary>(), s => Assert.Equal(UpgradeStatus.Succeeded, s.Status));
        foreach (var server in fleet.Servers) server.RequestLog.Clear();

        var again = fleet.Run(fleet.Options());

        Assert.All(again.OfType<EscFirmwareUpgradeSummary>(), s => Assert.Equal(UpgradeStatus.Skipped, s.Status));
        Assert.All(again.OfType<EscFirmwareUpdateResult>(), r => Assert.Equal(UpdateStatus.Skipped, r.Status));
        Assert.Empty(again.ShouldProcessCalls);
        Assert.All(fleet.Servers, s => Assert.Empty(s.RequestLog.Mutating));
        await fleet.AssertCleanAsync();
    }

    [Fact]
    public async Task WhatIf_plans_every_component_with_its_power_actions_and_writes_nothing_anywhere()
    {
        await using var fleet = await UpgradeFleet.StartAsync(UpgradeFleet.Behind(PowerState.On), UpgradeFleet.Current());

        var sink = fleet.Run(fleet.Options(whatIf: true), confirm: false);

        var plan = Assert.Single(sink.ShouldProcessCalls);
        Assert.Equal(fleet.Servers[0].Address, plan.Target);
        Assert.Contains("BMC 1.29.1 -> 1.37.1", plan.Action);
        Assert.Contains("BIOS 0603 -> 0804; host is On and will be shut down; powered on afterwards", plan.Action);
        Assert.Equal(UpgradeStatus.WhatIf, UpgradeFleet.SummaryOf(sink, fleet.Servers[0]).Status);
        Assert.All(sink.OfType<EscFirmwareUpdateResult>().Where(r => r.ComputerName == fleet.Servers[0].Address), r => Assert.Equal(UpdateStatus.WhatIf, r.Status));
        Assert.Equal(UpgradeStatus.Skipped, UpgradeFleet.SummaryOf(sink, fleet.Servers[1]).Status);
        Assert.All(fleet.Servers, s => Assert.Empty(s.RequestLog.Mutating));
        Assert.False(File.Exists(fleet.AuditPath));
        Assert.False(Directory.Exists(fleet.JournalPath) && Directory.EnumerateFiles(fleet.JournalPath).Any());
        await fleet.AssertCleanAsync();
    }

    [Fact]
    public async Task A_failed_canary_stops_the_rollout_and_the_audit_says_so()
    {
        await using var fleet = await UpgradeFleet.StartAsync(
            UpgradeFleet.Behind() with { Model = "RS700-E12-RS12U" }, UpgradeFleet.Behind(), UpgradeFleet.Behind());
        var options = fleet.Options();
        options.Model = "ESC8000-E12P";
        options.CanaryCount = 1;

        var sink = fleet.Run(options);

        Assert.Equal(UpgradeStatus.Failed, UpgradeFleet.SummaryOf(sink, fleet.Servers[0]).Status);
        Assert.All(fleet.Servers.Skip(1), s =>
        {
            Assert.Equal(UpgradeStatus.NotStarted, UpgradeFleet.SummaryOf(sink, s).Status);
            Assert.Empty(s.RequestLog.Entries);
        });
        Assert.Contains(Audit(fleet), r => r.Event == AuditEvent.CanaryStop);
        await fleet.AssertCleanAsync();
    }

    [Fact]
    public async Task After_the_failure_budget_no_new_server_starts()
    {
        await using var fleet = await UpgradeFleet.StartAsync(
            UpgradeFleet.Behind() with { Faults = new FakeBmcFaults { HpmFlashFailsAtPercent = 30 } }, UpgradeFleet.Behind(), UpgradeFleet.Behind());
        var options = fleet.Options();
        options.MaxFailures = 1;

        var sink = fleet.Run(options, throttle: 1);

        Assert.Equal(UpgradeStatus.Failed, UpgradeFleet.SummaryOf(sink, fleet.Servers[0]).Status);
        Assert.All(fleet.Servers.Skip(1), s => Assert.Equal(UpgradeStatus.NotStarted, UpgradeFleet.SummaryOf(sink, s).Status));
        Assert.Contains(Audit(fleet), r => r.Event == AuditEvent.FailureBudgetExhausted);
        await fleet.AssertCleanAsync();
    }

    [Fact]
    public async Task After_a_crash_a_server_the_journal_shows_mid_update_is_inspected_before_anything_is_sent()
    {
        await using var fleet = await UpgradeFleet.StartAsync(UpgradeFleet.Behind(PowerState.Off));
        var server = fleet.Servers[0];
        var recovery = new RecoveryFixture();
        var journal = new EscFirmware.Core.State.UpdateJournal(fleet.JournalPath, FakeTargets.TargetOf(server));
        // A killed run: update mode entered through a rescue session that nobody logged out.
        using (var connection = FakeTargets.Connect(server))
        {
            var rescue = await EscFirmware.Core.Sessions.AmiWebSession.LoginAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None);
            var id = (await rescue.PutJsonAsync("/api/maintenance/hpm/updatemode", new { }, CancellationToken.None)).GetProperty("unique_id").GetInt32();
            var entry = journal.Begin("Invoke-EscBiosUpdate", "Bios", fleet.BiosImage, null, "0603", "0804");
            journal.EnteredUpdateMode(entry, id, rescue.ExportHandle());
            rescue.Abandon();
        }
        server.RequestLog.Clear();

        var sink = fleet.Run(fleet.Options());

        var summary = UpgradeFleet.SummaryOf(sink, server);
        Assert.Equal(UpgradeStatus.Failed, summary.Status);
        Assert.Contains("UpdateModeLocked", summary.Message);
        Assert.Contains("Exit-EscUpdateMode", summary.Message);
        Assert.Empty(server.RequestLog.Mutating);
        Assert.Contains(sink.Warnings, w => w.Contains("unfinished Invoke-EscBiosUpdate"));
        Assert.NotNull(server.State.UpdateModeId);
        recovery.Dispose();
    }

    [Fact]
    public async Task After_a_crash_a_healthy_bmc_is_closed_in_the_journal_and_upgraded()
    {
        await using var fleet = await UpgradeFleet.StartAsync(UpgradeFleet.Behind(PowerState.Off));
        var server = fleet.Servers[0];
        var journal = new EscFirmware.Core.State.UpdateJournal(fleet.JournalPath, FakeTargets.TargetOf(server));
        var stale = journal.Begin("Invoke-EscBmcUpdate", "Bmc", fleet.BmcImage, null, "1.29.1", "1.37.1");
        journal.RecordPhase(stale, "Upload");

        var sink = fleet.Run(fleet.Options());

        Assert.Equal(UpgradeStatus.Succeeded, UpgradeFleet.SummaryOf(sink, server).Status);
        Assert.Contains(sink.Warnings, w => w.Contains("unfinished Invoke-EscBmcUpdate"));
        Assert.Contains(Audit(fleet), r => r.Event == AuditEvent.Decision && r.Message!.StartsWith("Unfinished Invoke-EscBmcUpdate", StringComparison.Ordinal) && r.Message.Contains("Healthy"));
        Assert.Equal("Succeeded", journal.Read()!.Outcome);
        await fleet.AssertCleanAsync();
    }

    [Fact]
    public async Task The_audit_log_records_the_run_decisions_phases_with_durations_and_verdicts_and_no_secret()
    {
        await using var fleet = await UpgradeFleet.StartAsync(UpgradeFleet.Behind(PowerState.On));
        var options = fleet.Options();
        options.Force = true;

        fleet.Run(options);

        var records = Audit(fleet);
        var run = records.Select(r => r.RunId).Distinct().Single();
        Assert.Equal(AuditEvent.RunStarted, records.First().Event);
        Assert.Equal(AuditEvent.RunFinished, records.Last().Event);
        Assert.All(records, r => Assert.Equal(AuditLog.CurrentOperator, r.Operator));
        Assert.Contains(records, r => r.Event == AuditEvent.Override && r.Message!.Contains("-Force"));
        Assert.Contains(records, r => r.Event == AuditEvent.Decision && r.Component == "Bios" && r.ImageSha256 != null && r.FromVersion == "0603" && r.ToVersion == "0804");
        var phases = records.Where(r => r.Event == AuditEvent.PhaseChanged).ToList();
        Assert.Contains(phases, p => p.Component == "Bmc");
        Assert.Contains(phases, p => p.Component == "Bios");
        Assert.Contains(phases, p => p.PreviousPhaseSeconds > 0);
        Assert.Contains(records, r => r.Event == AuditEvent.ServerFinished && r.Status == "Succeeded" && r.ToVersion == "1.37.1/0804");
        var text = File.ReadAllText(fleet.AuditPath);
        Assert.DoesNotContain(fleet.Servers[0].Options.Password, text);
        Assert.DoesNotContain("SessionCookie", text);
        Assert.NotEmpty(run);
    }

    [Fact]
    public async Task Escfw_upgrade_yes_json_upgrades_and_a_second_run_skips()
    {
        await using var fleet = await UpgradeFleet.StartAsync(UpgradeFleet.Behind(PowerState.On), UpgradeFleet.Behind());
        string[] Args(params string[] extra) => new[] { "upgrade", "--bmc", fleet.Servers[0].Address, fleet.Servers[1].Address, "--skip-certificate-check",
            "--bmc-path", fleet.BmcImage, "--bios-path", fleet.BiosImage, "--shutdown-host", "--power-on", "--poll-interval-sec", "1",
            "--journal-path", fleet.JournalPath, "--audit-path", fleet.AuditPath, "--json" }.Concat(extra).ToArray();

        var (code, output) = await Escfw(fleet, Args("--yes"));
        Assert.Equal(ExitCodes.Success, code);
        var summaries = JsonNode.Parse(output)!.AsArray().Where(o => o!["BmcTo"] != null || o!.AsObject().ContainsKey("BiosTo")).ToList();
        Assert.Equal(2, summaries.Count);
        Assert.All(summaries, s => Assert.Equal("Succeeded", (string?)s!["Status"]));
        Assert.All(fleet.Servers, s => Assert.Equal(("1.37.1", "0804"), (s.State.BmcVersion, s.State.BiosVersion)));

        var (again, second) = await Escfw(fleet, Args("--yes"));
        Assert.Equal(ExitCodes.Success, again);
        Assert.All(JsonNode.Parse(second)!.AsArray().Where(o => o!.AsObject().ContainsKey("BiosTo")), s => Assert.Equal("Skipped", (string?)s!["Status"]));
        await fleet.AssertCleanAsync();
    }

    private static async Task<(int Code, string Output)> Escfw(UpgradeFleet fleet, string[] args)
    {
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? fleet.Servers[0].Options.Password : null, isTerminal: false);
        return (await EscfwApp.RunAsync(args, context), output.ToString());
    }

    private static EscFirmwareAuditRecord[] Audit(UpgradeFleet fleet)
    {
        var sink = new RecordingSink();
        new ReadAuditOperation(fleet.AuditPath, new AuditQuery()).Run(sink, CancellationToken.None);
        return sink.OfType<EscFirmwareAuditRecord>().ToArray();
    }
}
