using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>
    /// Bad input as users meet it: each error record carries a stable FullyQualifiedErrorId, a fitting category, the
    /// server or file it is about and a next step; -ErrorAction Stop ends the script with the same id; no secret shows.
    /// </summary>
    public sealed class ErrorRecordTests
    {
        public static IEnumerable<object[]> Cases() => new[]
        {
            new object[] { "wrong password", "Get-EscFirmwareVersion -ComputerName $bmcs -Credential $wrong -CertificateThumbprint $thumbprints",
                "EscBmcAuthenticationFailed,EscFirmware.Commands.GetEscFirmwareVersionCommand", ErrorCategory.AuthenticationError, "bmc" },
            new object[] { "unreachable host", "Get-EscFirmwareVersion -ComputerName $closed @pinned -TimeoutSec 5",
                "EscBmcUnreachable,EscFirmware.Commands.GetEscFirmwareVersionCommand", ErrorCategory.ConnectionError, "closed" },
            new object[] { "untrusted certificate", "Get-EscFirmwareVersion -ComputerName $bmcs -Credential $cred",
                "EscBmcCertificateUntrusted,EscFirmware.Commands.GetEscFirmwareVersionCommand", ErrorCategory.SecurityError, "bmc" },
            new object[] { "certificate not the pinned one", "Get-EscFirmwareVersion -ComputerName $bmcs -Credential $cred -CertificateThumbprint ('AB' * 32)",
                "EscBmcCertificateThumbprintMismatch,EscFirmware.Commands.GetEscFirmwareVersionCommand", ErrorCategory.SecurityError, "bmc" },
            new object[] { "bad address", "Get-EscFirmwareVersion -ComputerName 'bmc01:99999' @pinned",
                "EscInvalidBmcAddress,EscFirmware.Commands.GetEscFirmwareVersionCommand", ErrorCategory.InvalidArgument, "bmc01:99999" },
            new object[] { "corrupt image, offline check", "Test-EscFirmwareImage -Path $corrupt -Strict",
                "EscInvalidFirmwareImage,EscFirmware.Commands.TestEscFirmwareImageCommand", ErrorCategory.InvalidData, "corrupt" },
            new object[] { "corrupt image, flash", "Invoke-EscBmcUpdate -ComputerName $bmcs @pinned -Path $corrupt -Confirm:$false",
                "EscInvalidFirmwareImage,EscFirmware.Commands.InvokeEscBmcUpdateCommand", ErrorCategory.InvalidData, "bmc" },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task Each_failure_is_an_error_record_with_id_category_target_and_next_step_and_Stop_keeps_the_id(
            string problem, string command, string errorId, ErrorCategory category, string target)
        {
            using var images = new ImageFolder();
            await using var fakes = await FakeBmcs.StartAsync();
            using var session = ModuleSession.Start();
            var variables = new Dictionary<string, object> { ["corrupt"] = images.CorruptImage, ["closed"] = "127.0.0.1:" + ClosedPort() };
            var script = "$wrong = [pscredential]::new($user, [System.Net.NetworkCredential]::new('', 'Not-' + $password).SecurePassword)\n" + command;
            var expectedTarget = target == "bmc" ? fakes.First.Address : target == "closed" ? (string)variables["closed"] : target == "corrupt" ? images.CorruptImage : target;

            var continued = session.RunAgainst(fakes, script, variables);
            Assert.True(continued.Terminating == null, problem + ":\n" + continued.Describe());
            var error = Assert.Single(continued.Errors);
            Assert.True(errorId == error.FullyQualifiedErrorId, problem + ": " + error.FullyQualifiedErrorId + "\n" + continued.Describe());
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.Equal(expectedTarget, PSValues.Unwrap(error.TargetObject)?.ToString());
            Assert.False(string.IsNullOrWhiteSpace(error.ErrorDetails?.RecommendedAction), problem + " has no next step");
            NoSecretIn(continued, fakes.First.Options.Password);

            var stopped = session.RunAgainst(fakes, script + " -ErrorAction Stop", variables);
            Assert.IsType<ActionPreferenceStopException>(stopped.Terminating);
            Assert.Equal(errorId, stopped.TerminatingRecord!.FullyQualifiedErrorId);
            FakeBmcAssert.Untouched(fakes.First, problem);
        }

        private static void NoSecretIn(ScriptResult result, string password)
        {
            var text = result.Describe() + string.Join("\n", result.Errors.Select(e => e.Exception + " " + e.ErrorDetails?.Message));
            Assert.DoesNotContain(password, text);
        }

        /// <summary>A loopback port nobody listens on (bound, then released).</summary>
        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
