using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.Core.Recovery;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Operations;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.RealBmc;

/// <summary>An address that answers HTTPS but is not a BMC, or a port that speaks plain HTTP: every front end says what it
/// found, never a parser's exception and never "wrong credentials" without a 401.</summary>
public sealed class NotABmcTests
{
    private static (CliContext Context, StringWriter Out, StringWriter Err) Console()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new CliContext(output, error, new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? "secret" : null, isTerminal: false), output, error);
    }

    private static string Everything(StringWriter output, StringWriter error) => output + "\n" + error;

    private static void AssertNoExceptionTypeName(string text)
    {
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid start of a value", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NotABmcServer.HtmlPage, "text/html", "an HTML page")]
    [InlineData(NotABmcServer.OtherJson, "application/json", "JSON that is not a Redfish service root")]
    public async Task Escfw_version_against_an_https_server_that_is_not_redfish_exits_1_naming_what_it_found(string body, string contentType, string found)
    {
        await using var server = await NotABmcServer.StartAsync(body, contentType);
        var (context, output, error) = Console();

        var code = await EscfwApp.RunAsync(new[] { "version", "--bmc", server.Address, "--skip-certificate-check" }, context);

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        var text = Everything(output, error);
        Assert.True(text.Contains("not a Redfish service: " + found + " at /redfish/v1", StringComparison.Ordinal), text);
        AssertNoExceptionTypeName(text);
    }

    [Theory]
    [InlineData(NotABmcServer.HtmlPage, "text/html", "an HTML page")]
    [InlineData(NotABmcServer.OtherJson, "application/json", "JSON that is not a Redfish service root")]
    public async Task Escfw_update_bmc_against_a_server_that_is_not_redfish_names_it_and_sends_no_image(string body, string contentType, string found)
    {
        await using var server = await NotABmcServer.StartAsync(body, contentType);
        using var dir = new EscFirmware.Tests.Hpm.TempDirectory();
        var image = dir.File("bmc.hpm");
        EscFirmware.FakeBmc.SupportSite.HpmImageWriter.WriteFile(EscFirmware.FakeBmc.SupportSite.HpmImageSpec.Bmc("1.37.1"), image);
        var (context, output, error) = Console();

        var code = await EscfwApp.RunAsync(new[] { "update", "bmc", "--bmc", server.Address, "--skip-certificate-check", "--path", image, "--yes" }, context);

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        var text = Everything(output, error);
        Assert.True(text.Contains("not a Redfish service: " + found, StringComparison.Ordinal), text);
        AssertNoExceptionTypeName(text);
        Assert.DoesNotContain(server.Requests, r => r.Contains("upload", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(NotABmcServer.HtmlPage, "text/html", "an HTML page")]
    [InlineData(NotABmcServer.OtherJson, "application/json", "JSON that is not a Redfish service root")]
    public async Task State_says_not_a_redfish_service_and_tries_no_login(string body, string contentType, string found)
    {
        await using var server = await NotABmcServer.StartAsync(body, contentType);
        using var fixture = new EscFirmware.Tests.Recovery.RecoveryFixture();
        var request = new BmcFleetRequest(new[] { BmcTarget.Parse(server.Address) }, BmcCredential.FromPlainText("admin", "x"), TlsPolicy.SkipCheck, FakeTargets.FastSettings());
        var sink = new RecordingSink();

        new BmcStateReport(request, fixture.Settings).Run(sink, CancellationToken.None);

        var state = Assert.Single(sink.OfType<EscBmcState>());
        Assert.Equal(BmcState.NotRedfish, state.State);
        Assert.Contains("Not a Redfish service: " + found + " at /redfish/v1", state.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("credentials", state.Remedy, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new[] { "GET /redfish/v1" }, server.Requests.ToArray());
    }

    [Fact]
    public async Task A_plain_http_port_is_named_as_such()
    {
        await using var server = await NotABmcServer.StartAsync(NotABmcServer.HtmlPage, "text/html", https: false);
        var (context, output, error) = Console();

        var code = await EscfwApp.RunAsync(new[] { "version", "--bmc", server.Address, "--skip-certificate-check" }, context);

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        var text = Everything(output, error);
        Assert.Contains("speaks plain HTTP, not HTTPS", text, StringComparison.Ordinal);
        Assert.DoesNotContain("frame", text, StringComparison.OrdinalIgnoreCase);
    }
}
