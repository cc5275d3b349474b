using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.BiosUpdate;

public sealed class EscfwUpdateBiosTests
{
    private static (CliContext Context, StringWriter Out, StringWriter Err) Console(string password)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new CliContext(output, error, new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? password : null, isTerminal: false), output, error);
    }

    [Fact]
    public async Task ShutdownHostPowerOnYesJsonTakesTheHostFromOnToTheNewVerifiedBios()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.On);
        var (context, output, error) = Console(f.Bmc.Options.Password);

        var code = await EscfwApp.RunAsync(new[]
        {
            "update", "bios", "--bmc", f.Bmc.Address, "--certificate-thumbprint", f.Bmc.CertificateSha256, "--path", f.ImagePath,
            "--shutdown-host", "--power-on", "--post-timeout-sec", "30", "--poll-interval-sec", "1", "--journal-path", f.JournalFolder, "--yes", "--json",
        }, context);

        Assert.True(code == ExitCodes.Success, error.ToString() + output);
        var host = Assert.Single(JsonNode.Parse(output.ToString())!.AsArray())!;
        Assert.Equal("Succeeded", (string?)host["Status"]);
        Assert.Equal("Done", (string?)host["Phase"]);
        Assert.Equal("Bios", (string?)host["Component"]);
        Assert.Equal("0603", (string?)host["FromVersion"]);
        Assert.Equal("0804", (string?)host["ToVersion"]);
        Assert.Equal("On", (string?)host["HostPowerState"]);
        Assert.Equal("0804", f.Bmc.State.BiosVersion);
        Assert.Equal(f.SliceSha256(), f.Bmc.State.HpmWizard.ReceivedSha256);
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task WhatIfPrintsThePlanAndAHostOnWithoutShutdownFailsWithExitCode1()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.On);
        var (context, output, error) = Console(f.Bmc.Options.Password);
        var common = new[] { "update", "bios", "--bmc", f.Bmc.Address, "--skip-certificate-check", "--path", f.ImagePath, "--journal-path", f.JournalFolder, "--json" };

        var whatIf = await EscfwApp.RunAsync(common.Concat(new[] { "--shutdown-host", "--whatif" }).ToArray(), context);
        var whatIfJson = output.ToString();
        output.GetStringBuilder().Clear();
        var refused = await EscfwApp.RunAsync(common.Append("--yes").ToArray(), context);

        Assert.Equal(ExitCodes.Success, whatIf);
        Assert.Equal("WhatIf", (string?)JsonNode.Parse(whatIfJson)!.AsArray()[0]!["Status"]);
        Assert.Contains("What if: " + f.Bmc.Address + ": BIOS 0603 -> 0804; host is On and will be shut down", error.ToString());
        Assert.Equal(ExitCodes.SomeTargetFailed, refused);
        var refusal = JsonNode.Parse(output.ToString())!.AsArray()[0]!;
        Assert.Equal("EscHostPoweredOn", (string?)refusal["ErrorId"]);
        Assert.Contains("pass --shutdown-host", (string?)refusal["Message"]);
        Assert.DoesNotMatch(@"(?<![\w-])-[A-Z][a-z]+[A-Z]", output.ToString() + error.ToString());
        Assert.Empty(f.Bmc.RequestLog.Mutating);
        f.AssertCleanEnd(journalExpected: false);
    }

    [Fact]
    public async Task A_rerun_with_the_host_left_off_reports_pending_and_writes_nothing()
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off);
        var (context, output, error) = Console(f.Bmc.Options.Password);
        var args = new[]
        {
            "update", "bios", "--bmc", f.Bmc.Address, "--certificate-thumbprint", f.Bmc.CertificateSha256, "--path", f.ImagePath,
            "--poll-interval-sec", "1", "--journal-path", f.JournalFolder, "--yes", "--json",
        };

        var first = await EscfwApp.RunAsync(args, context);
        output.GetStringBuilder().Clear();
        f.Bmc.RequestLog.Clear();
        var again = await EscfwApp.RunAsync(args, context);

        Assert.True(first == ExitCodes.Success, error.ToString());
        Assert.Equal(ExitCodes.Success, again);
        Assert.Equal("Pending", (string?)JsonNode.Parse(output.ToString())!.AsArray()[0]!["Status"]);
        Assert.Empty(f.Bmc.RequestLog.Mutating);
        Assert.Equal(1, f.Bmc.State.HpmWizard.FlashCount);
        f.AssertCleanEnd();
    }
}
