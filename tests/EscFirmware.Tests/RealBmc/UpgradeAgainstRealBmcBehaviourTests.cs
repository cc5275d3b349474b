using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Upgrades;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Upgrades;
using Xunit;

namespace EscFirmware.Tests.RealBmc;

/// <summary>escfw upgrade against what real BMCs do: tokens that die seconds after their creation, and a BIOS that was
/// written and verified but waits for the host's next POST when the run is started again.</summary>
public sealed class UpgradeAgainstRealBmcBehaviourTests
{
    private static string[] Args(UpgradeFleet fleet, bool bmcImage, params string[] extra) =>
        new[] { "upgrade", "--bmc", fleet.Servers[0].Address, "--certificate-thumbprint", fleet.Servers[0].CertificateSha256, "--bios-path", fleet.BiosImage,
                "--poll-interval-sec", "1", "--journal-path", fleet.JournalPath, "--audit-path", fleet.AuditPath, "--yes", "--json" }
            .Concat(bmcImage ? new[] { "--bmc-path", fleet.BmcImage } : Array.Empty<string>()).Concat(extra).ToArray();

    private static async Task<(int Code, JsonArray Records, string Error)> Escfw(UpgradeFleet fleet, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? fleet.Servers[0].Options.Password : null, isTerminal: false);
        var code = await EscfwApp.RunAsync(args, context);
        return (code, JsonNode.Parse(output.ToString())!.AsArray(), error.ToString());
    }

    /// <summary>One server per run here: its upgrade object (the summary, with its per-component Results).</summary>
    private static JsonNode Summary(JsonArray servers) => Assert.Single(servers)!;

    private static JsonNode Component(JsonArray servers, string component) =>
        Assert.Single(Summary(servers)["Results"]!.AsArray(), r => (string?)r!["Component"] == component)!;

    [Fact]
    public async Task Escfw_upgrade_against_a_bmc_whose_tokens_die_3_s_after_creation_updates_the_bmc_and_then_the_bios()
    {
        var behind = UpgradeFleet.Behind(PowerState.On);
        await using var fleet = await UpgradeFleet.StartAsync(behind with
        {
            Faults = new FakeBmcFaults { RedfishTokenLifetime = TimeSpan.FromSeconds(3) },
            Timings = behind.Timings with { FlashStepDuration = TimeSpan.FromMilliseconds(400) },
        });
        var bmc = fleet.Servers[0];

        var (code, records, error) = await Escfw(fleet, Args(fleet, bmcImage: true, "--shutdown-host", "--power-on"));

        Assert.True(code == ExitCodes.Success, error + records.ToJsonString());
        Assert.Equal("Succeeded", (string?)Component(records, "Bmc")["Status"]);
        Assert.Equal("Succeeded", (string?)Component(records, "Bios")["Status"]);
        Assert.Equal("Succeeded", (string?)Summary(records)["Status"]);
        Assert.Equal(("1.37.1", "0804"), (bmc.State.BmcVersion, bmc.State.BiosVersion));
        // The tokens really died under the run: requests were refused with 401 and the run logged in again.
        Assert.Contains(bmc.RequestLog.Entries, e => e.StatusCode == 401);
        Assert.DoesNotContain("user name and password", records.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        await fleet.AssertCleanAsync();
    }

    [Fact]
    public async Task Escfw_upgrade_against_a_bmc_whose_first_two_session_logins_answer_503_with_retry_after_updates_both()
    {
        await using var fleet = await UpgradeFleet.StartAsync(UpgradeFleet.Behind(PowerState.Off) with
        {
            Faults = new FakeBmcFaults { RedfishUnavailableFirstLogins = 2, RedfishUnavailableRetryAfterSeconds = 1 },
        });
        var bmc = fleet.Servers[0];

        var (code, records, error) = await Escfw(fleet, Args(fleet, bmcImage: true, "--power-on"));

        Assert.True(code == ExitCodes.Success, error + records.ToJsonString());
        Assert.Equal("Succeeded", (string?)Summary(records)["Status"]);
        Assert.Equal(("1.37.1", "0804"), (bmc.State.BmcVersion, bmc.State.BiosVersion));
        Assert.Equal(2, bmc.RequestLog.Entries.Count(e => e.StatusCode == 503 && e.Method == "POST" && e.Path.EndsWith("/Sessions", StringComparison.Ordinal)));
        await fleet.AssertCleanAsync();
    }

    [Fact]
    public async Task Escfw_upgrade_run_again_while_the_bios_waits_for_post_writes_nothing_and_reports_pending()
    {
        await using var fleet = await UpgradeFleet.StartAsync(UpgradeFleet.Behind(PowerState.Off));
        var bmc = fleet.Servers[0];
        var (first, firstRecords, firstError) = await Escfw(fleet, Args(fleet, bmcImage: true));
        Assert.True(first == ExitCodes.Success, firstError + firstRecords.ToJsonString());
        Assert.Equal("0603", bmc.State.BiosVersion); // written and verified; BiosVersion reads the old one until POST
        bmc.RequestLog.Clear();

        var (code, records, error) = await Escfw(fleet, Args(fleet, bmcImage: true));

        Assert.True(code == ExitCodes.Success, error + records.ToJsonString());
        Assert.Equal("Skipped", (string?)Component(records, "Bmc")["Status"]);
        var bios = Component(records, "Bios");
        Assert.Equal("Pending", (string?)bios["Status"]);
        Assert.Contains("pending until the host's next POST", (string?)bios["Message"]);
        Assert.Contains("--force writes it again", (string?)bios["Message"]);
        Assert.Equal("Pending", (string?)Summary(records)["Status"]);
        Assert.Empty(bmc.RequestLog.Mutating);
        Assert.Equal(1, bmc.State.HpmWizard.FlashCount);
        Assert.Equal(1, bmc.State.RedfishUpdate.UploadCount);
        await fleet.AssertCleanAsync();
    }

    [Fact]
    public async Task Invoke_upgrade_run_again_with_a_pending_bios_asks_nothing_writes_nothing_and_reports_pending()
    {
        await using var fleet = await UpgradeFleet.StartAsync(UpgradeFleet.Behind(PowerState.Off));
        var bmc = fleet.Servers[0];
        var options = fleet.Options();
        options.PowerOn = false;
        fleet.Run(options);
        bmc.RequestLog.Clear();

        var sink = fleet.Run(options);
        var whatIf = fleet.Options(whatIf: true);
        whatIf.PowerOn = false;
        var planned = fleet.Run(whatIf);

        Assert.Empty(sink.ShouldProcessCalls);
        var bios = Assert.Single(sink.OfType<EscFirmwareUpdateResult>(), r => r.Component == FirmwareComponent.Bios);
        Assert.Equal(UpdateStatus.Pending, bios.Status);
        Assert.Contains("-Force writes it again", bios.Message, StringComparison.Ordinal);
        var summary = UpgradeFleet.SummaryOf(sink, bmc);
        Assert.Equal(UpgradeStatus.Pending, summary.Status);
        Assert.Equal(bios.Message, summary.Message);
        Assert.Equal(UpgradeStatus.Pending, UpgradeFleet.SummaryOf(planned, bmc).Status);
        Assert.Empty(bmc.RequestLog.Mutating);
        Assert.Equal(1, bmc.State.HpmWizard.FlashCount);
        await fleet.AssertCleanAsync();
    }

    [Fact]
    public async Task Escfw_upgrade_force_writes_a_pending_bios_again()
    {
        await using var fleet = await UpgradeFleet.StartAsync(UpgradeFleet.Behind(PowerState.Off));
        var bmc = fleet.Servers[0];
        await Escfw(fleet, Args(fleet, bmcImage: false));

        var (code, records, error) = await Escfw(fleet, Args(fleet, bmcImage: false, "--force"));

        Assert.True(code == ExitCodes.Success, error + records.ToJsonString());
        Assert.Equal("Succeeded", (string?)Component(records, "Bios")["Status"]);
        Assert.Equal(2, bmc.State.HpmWizard.FlashCount);
        Assert.Empty(bmc.State.HpmWizard.Violations);
        Assert.Null(bmc.State.UpdateModeId);
    }
}
