using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.FakeBmc;
using RedfishSession = EscFirmware.Core.Sessions.RedfishSession;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Foundation;

/// <summary>No password, X-Auth-Token, CSRF token or session cookie in any stream, log or exception text.</summary>
public sealed class SecretLeakTests
{
    private const string Password = "Leak-Canary-Passw0rd!";

    [Fact]
    public async Task Operations_streams_and_errors_never_carry_secrets()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Password = Password });
        var sink = new RecordingSink();
        var secrets = new List<string> { Password };

        // A session used by hand, so its token, cookie and CSRF token are known, with traces going to the debug stream.
        using (var connection = new BmcConnection(FakeTargets.TargetOf(server), TlsPolicy.Pin(server.CertificateSha256), FakeTargets.FastSettings(), TraceWriter.Debug(sink)))
        {
            var redfish = await RedfishSession.OpenAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None);
            secrets.AddRange(server.State.RedfishSessions.All().Select(s => s.Token));
            var web = await AmiWebSession.LoginAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None);
            var handle = web.ExportHandle();
            secrets.Add(handle.SessionCookie);
            secrets.Add(handle.CsrfToken);
            await web.GetJsonAsync("/api/chassis-status", CancellationToken.None);
            var failure = await Assert.ThrowsAnyAsync<EscFirmwareException>(() => redfish.GetAsync("/redfish/v1/Managers/Self", CancellationToken.None));
            sink.WriteError(OperationError.FromException(failure, server.Address));
            Assert.DoesNotContain(handle.SessionCookie, handle.ToString());
        }

        // The operations themselves: a success and a wrong password.
        new FirmwareVersionReport(FakeTargets.Request(server)).Run(sink, CancellationToken.None);
        var wrong = new BmcFleetRequest(new[] { FakeTargets.TargetOf(server) }, BmcCredential.FromPlainText("admin", Password + "x"), TlsPolicy.SkipCheck, FakeTargets.FastSettings());
        new FirmwareVersionReport(wrong).Run(sink, CancellationToken.None);

        Assert.NotEmpty(sink.Debug);
        Assert.NotEmpty(sink.Errors);
        AssertNoSecret(sink.AllText(), secrets);
        AssertNoSecret(string.Join("\n", server.RequestLog.Entries.Select(e => e.ToString())), secrets);
    }

    [Fact]
    public async Task Escfw_output_never_carries_the_password()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { Password = Password });
        var output = new StringWriter();
        var errors = new StringWriter();
        var context = new CliContext(output, errors, new StringReader(Password + "\n"), _ => null, isTerminal: false);

        var code = await EscfwApp.RunAsync(new[] { "version", "--bmc", server.Address, "--bmc", "127.0.0.1:" + VersionReportTests.FreePort(),
            "--password-stdin", "--skip-certificate-check", "--json", "--verbose" }, context);

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        AssertNoSecret(output + "\n" + errors, new[] { Password });
    }

    private static void AssertNoSecret(string text, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), "a secret reached the output");
        }
    }
}
