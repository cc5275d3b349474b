using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.Foundation;

public sealed class EscfwVersionTests
{
    private static (CliContext Context, StringWriter Out, StringWriter Err) Console(string? password, string stdin = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new CliContext(output, error, new StringReader(stdin), name => name == "ESC_BMC_PASSWORD" ? password : null, isTerminal: false), output, error);
    }

    [Fact]
    public async Task Json_lists_every_host_with_the_cmdlet_property_names()
    {
        await using var fleet = await FakeBmcFleet.StartAsync(2, 0);
        var (context, output, _) = Console(fleet.Servers[0].Options.Password);

        var code = await EscfwApp.RunAsync(new[] { "version", "--bmc", fleet.Servers[0].Address, fleet.Servers[1].Address, "--skip-certificate-check", "--json" }, context);

        Assert.Equal(ExitCodes.Success, code);
        var hosts = JsonNode.Parse(output.ToString())!.AsArray();
        Assert.Equal(2, hosts.Count);
        foreach (var host in hosts)
        {
            Assert.Equal("Succeeded", (string?)host!["Status"]);
            Assert.Equal("1.29.1", (string?)host["BmcVersion"]);
            Assert.Equal("0603", (string?)host["BiosVersion"]);
            Assert.Equal("On", (string?)host["PowerState"]);
            foreach (var name in new[] { "ComputerName", "Manufacturer", "Model", "ActiveBmcImage", "BmcImage1Version", "BmcImage2Version" })
            {
                Assert.True(host.AsObject().ContainsKey(name), name + " missing");
            }
        }
        Assert.All(fleet.Servers, s => Assert.Equal(0, s.State.ActiveRedfishSessions + s.State.ActiveWebSessions));
    }

    [Fact]
    public async Task A_failed_host_gets_status_failed_an_error_object_and_exit_code_1()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var dead = "127.0.0.1:" + VersionReportTests.FreePort();
        var (context, output, error) = Console(server.Options.Password);

        var code = await EscfwApp.RunAsync(new[] { "version", "--bmc", server.Address, "--bmc", dead, "--certificate-thumbprint", server.CertificateSha256, "--json" }, context);

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        var failed = JsonNode.Parse(output.ToString())!.AsArray().Single(h => (string?)h!["ComputerName"] == dead)!;
        Assert.Equal("Failed", (string?)failed["Status"]);
        Assert.Equal("EscBmcUnreachable", (string?)failed["Error"]!["ErrorId"]);
        var succeeded = JsonNode.Parse(output.ToString())!.AsArray().Single(h => (string?)h!["ComputerName"] == server.Address)!;
        Assert.Equal(succeeded.AsObject().Select(p => p.Key), failed.AsObject().Select(p => p.Key));
        Assert.False(string.IsNullOrEmpty((string?)failed["Error"]!["Message"]));
        Assert.Contains(dead, error.ToString());
    }

    [Fact]
    public async Task Version_takes_the_read_only_throttle_of_256_and_can_read_through_a_session()
    {
        await using var fleet = await FakeBmcFleet.StartAsync(2, 0, new FakeBmcOptions { ExpandQuery = ExpandQuery.Supported });
        var (context, output, _) = Console(fleet.Servers[0].Options.Password);

        var code = await EscfwApp.RunAsync(new[] { "version", "--bmc", fleet.Servers[0].Address, fleet.Servers[1].Address, "--skip-certificate-check", "--throttle", "256", "--use-session", "--json" }, context);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(2, JsonNode.Parse(output.ToString())!.AsArray().Count);
        Assert.All(fleet.Servers, s => Assert.Equal(new[] { "POST", "GET", "GET", "GET", "DELETE" }, s.RequestLog.Entries.Select(e => e.Method)));
    }

    [Fact]
    public async Task The_table_shows_the_default_columns()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var (context, output, _) = Console(null, server.Options.Password + "\n");

        var code = await EscfwApp.RunAsync(new[] { "version", "--bmc", server.Address, "--password-stdin", "--skip-certificate-check" }, context);

        Assert.Equal(ExitCodes.Success, code);
        var lines = output.ToString().Split('\n');
        Assert.StartsWith("ComputerName", lines[0]);
        Assert.Contains("BiosVersion", lines[0]);
        Assert.Contains(server.Address, lines[2]);
        Assert.Contains("0603", lines[2]);
    }

    [Theory]
    [InlineData("version", "--bmc", "bmc1", "--skip-certificate-check")]
    [InlineData("version", "--bmc", "https://bmc1", "--skip-certificate-check")]
    [InlineData("version", "--skip-certificate-check")]
    [InlineData("version", "--bmc", "bmc1", "--throttle", "0")]
    [InlineData("version", "--bmc", "bmc1", "--throttle", "257")]
    [InlineData("exit-update-mode", "--bmc", "bmc1", "--throttle", "65")]
    [InlineData("version", "--bmc", "bmc1", "--skip-certificate-check", "--certificate-thumbprint", "00")]
    [InlineData("no-such-verb")]
    public async Task Usage_errors_exit_with_2_and_touch_nothing(params string[] args)
    {
        var withPassword = !args.Contains("--skip-certificate-check") || args.Contains("https://bmc1") || args.Contains("--certificate-thumbprint");
        var (context, _, error) = Console(withPassword ? "pw" : null);

        var code = await EscfwApp.RunAsync(args, context);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.StartsWith("escfw", error.ToString());
    }
}
