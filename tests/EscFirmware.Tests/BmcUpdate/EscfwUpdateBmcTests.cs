using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using Xunit;

namespace EscFirmware.Tests.BmcUpdate;

public sealed class EscfwUpdateBmcTests
{
    private static (CliContext Context, StringWriter Out, StringWriter Err) Console(string password, bool terminal = false, string stdin = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new CliContext(output, error, new StringReader(stdin), name => name switch
        {
            "ESC_BMC_PASSWORD" => password,
            _ => null,
        }, terminal), output, error);
    }

    private static string[] Args(BmcUpdateHarness bmc, string image, params string[] more) =>
        new[] { "update", "bmc", "--bmc", bmc.Server.Address, "--path", image, "--certificate-thumbprint", bmc.Server.CertificateSha256, "--poll-interval-sec", "1" }.Concat(more).ToArray();

    [Fact]
    public async Task Yes_and_json_take_the_bmc_to_the_new_version()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        var image = bmc.WriteImage(HpmImageSpec.Bmc("1.37.1"));
        var (context, output, error) = Console(bmc.Server.Options.Password);
        Environment.SetEnvironmentVariable("ESCFW_STATE_DIR", bmc.StateFolder);
        int code;
        try
        {
            code = await EscfwApp.RunAsync(Args(bmc, image, "--yes", "--json"), context);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ESCFW_STATE_DIR", null);
        }

        Assert.True(code == ExitCodes.Success, error.ToString());
        var host = Assert.Single(JsonNode.Parse(output.ToString())!.AsArray())!;
        Assert.Equal("Succeeded", (string?)host["Status"]);
        Assert.Equal("Bmc", (string?)host["Component"]);
        Assert.Equal("1.29.1", (string?)host["FromVersion"]);
        Assert.Equal("1.37.1", (string?)host["ToVersion"]);
        Assert.Equal("1.37.1", bmc.Server.State.BmcVersion);
        Assert.DoesNotContain("\r", error.ToString()); // no live progress line when not on a terminal
        await bmc.AssertCleanAsync();
        Assert.Equal(new[] { true }, bmc.Server.State.RedfishUpdate.PreserveFlagsAllTrueAtFirstByte);
    }

    [Fact]
    public async Task Whatif_prints_the_plan_and_changes_nothing()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        var image = bmc.WriteImage(HpmImageSpec.Bmc("1.37.1"));
        var (context, output, error) = Console(bmc.Server.Options.Password);

        var code = await EscfwApp.RunAsync(Args(bmc, image, "--whatif"), context);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("What if: " + bmc.Server.Address + ": BMC 1.29.1 -> 1.37.1; the BMC reboots; the host keeps running", error.ToString());
        Assert.Contains("WhatIf", output.ToString());
        Assert.Empty(bmc.Server.RequestLog.Mutating);
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task Without_a_terminal_or_yes_it_refuses_with_exit_code_2()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        var image = bmc.WriteImage(HpmImageSpec.Bmc("1.37.1"));
        var (context, _, error) = Console(bmc.Server.Options.Password);

        var code = await EscfwApp.RunAsync(Args(bmc, image), context);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--yes", error.ToString());
        Assert.Empty(bmc.Server.RequestLog.Entries);
    }

    [Fact]
    public async Task On_a_terminal_it_asks_and_a_no_changes_nothing_without_redrawing_over_the_prompt()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        var image = bmc.WriteImage(HpmImageSpec.Bmc("1.37.1"));
        var (context, output, error) = Console(bmc.Server.Options.Password, terminal: true, stdin: "n\n");

        var code = await EscfwApp.RunAsync(Args(bmc, image), context);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Proceed? [y/N]", error.ToString());
        Assert.DoesNotContain("\r", error.ToString() + output);
        Assert.Contains("Skipped", output.ToString());
        Assert.Empty(bmc.Server.RequestLog.Mutating);
    }

    [Fact]
    public async Task A_failed_update_exits_with_1()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync();
        var image = bmc.WriteImage(HpmImageSpec.Bios("0804"));
        var (context, output, _) = Console(bmc.Server.Options.Password);

        var code = await EscfwApp.RunAsync(Args(bmc, image, "--yes", "--json"), context);

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        Assert.Equal("EscImageNotBmc", (string?)JsonNode.Parse(output.ToString())!.AsArray()[0]!["ErrorId"]);
    }

    /// <summary>Runs <c>escfw update bmc --yes --json</c> with the harness's state folder; returns the exit code and the one result.</summary>
    private static async Task<(int Code, JsonNode Host, string Error)> UpdateAsync(BmcUpdateHarness bmc)
    {
        var image = bmc.WriteImage(HpmImageSpec.Bmc("1.37.1"));
        var (context, output, error) = Console(bmc.Server.Options.Password);
        Environment.SetEnvironmentVariable("ESCFW_STATE_DIR", bmc.StateFolder);
        try
        {
            var code = await EscfwApp.RunAsync(Args(bmc, image, "--yes", "--json"), context);
            return (code, Assert.Single(JsonNode.Parse(output.ToString())!.AsArray())!, error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("ESCFW_STATE_DIR", null);
        }
    }

    [Fact]
    public async Task A_bmc_whose_first_two_redfish_requests_answer_503_with_retry_after_is_updated()
    {
        await using var bmc = await BmcUpdateHarness.StartAsync(BmcUpdateHarness.FastOptions(new FakeBmcFaults { RedfishUnavailableFirstRequests = 2, RedfishUnavailableRetryAfterSeconds = 1 }));

        var (code, host, error) = await UpdateAsync(bmc);

        Assert.True(code == ExitCodes.Success, error + host.ToJsonString());
        Assert.Equal("Succeeded", (string?)host["Status"]);
        Assert.Equal("1.37.1", bmc.Server.State.BmcVersion);
        Assert.Equal(2, bmc.Server.RequestLog.Entries.Count(e => e.StatusCode == 503));
        await bmc.AssertCleanAsync();
    }

    [Fact]
    public async Task A_bmc_whose_tokens_die_3_s_after_creation_is_updated_and_verified()
    {
        var options = BmcUpdateHarness.FastOptions(new FakeBmcFaults { RedfishTokenLifetime = TimeSpan.FromSeconds(3) }) with
        {
            Timings = new FakeBmcTimings { FlashStepDuration = TimeSpan.FromMilliseconds(400), BmcRebootDuration = TimeSpan.FromMilliseconds(300) },
        };
        await using var bmc = await BmcUpdateHarness.StartAsync(options);

        var (code, host, error) = await UpdateAsync(bmc);

        Assert.True(code == ExitCodes.Success, error + host.ToJsonString());
        Assert.Equal("Succeeded", (string?)host["Status"]);
        Assert.Equal("1.37.1", bmc.Server.State.BmcVersion);
        // The tokens really died under the run: requests were refused with 401 and the run logged in again.
        Assert.Contains(bmc.Server.RequestLog.Entries, e => e.StatusCode == 401);
        Assert.True(bmc.Server.RequestLog.Entries.Count(e => e.Method == "POST" && e.Path.EndsWith("/Sessions")) >= 3);
        Assert.Equal(1, bmc.Server.State.RedfishUpdate.UploadCount);
        await bmc.AssertCleanAsync();
    }
}
