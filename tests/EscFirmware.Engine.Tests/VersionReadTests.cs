using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>Get-EscFirmwareVersion's read-only throttle and request economy, and the lower throttle cap of verbs that change BMCs.</summary>
    public sealed class VersionReadTests
    {
        private const string Credential = "$cred = [pscredential]::new($user, [System.Net.NetworkCredential]::new('', $password).SecurePassword)\n";

        [Fact]
        public async Task Get_EscFirmwareVersion_takes_a_throttle_of_256_and_verbose_states_each_bmcs_requests()
        {
            await using var fakes = await FakeBmcs.StartAsync(2, o => o with { ExpandQuery = ExpandQuery.Supported });
            using var session = ModuleSession.Start();

            var basic = session.Run(Credential + "Get-EscFirmwareVersion -ComputerName $bmcs -Credential $cred -CertificateThumbprint $thumbprints -ThrottleLimit 256 -Verbose", fakes.Variables());
            var withSession = session.Run(Credential + "Get-EscFirmwareVersion -ComputerName $bmcs -Credential $cred -CertificateThumbprint $thumbprints -UseSession -Verbose", fakes.Variables());

            Assert.True(basic.Terminating == null && basic.Errors.Count == 0, basic.Describe());
            Assert.Equal(2, basic.Output.Count);
            foreach (var server in fakes.Servers)
            {
                Assert.Contains(server.Address + ": 3 requests, HTTP Basic, collections expanded in place ($expand)", basic.Verbose);
                Assert.Contains(server.Address + ": 5 requests, a Redfish session, collections expanded in place ($expand)", withSession.Verbose);
                Assert.Equal(0, server.State.ActiveRedfishSessions);
            }
            Assert.Equal(2, withSession.Output.Count);
        }

        [Fact]
        public async Task Get_EscFirmwareVersion_refuses_a_throttle_above_256()
        {
            await using var fakes = await FakeBmcs.StartAsync();
            using var session = ModuleSession.Start();

            var result = session.Run(Credential + "Get-EscFirmwareVersion -ComputerName $bmcs -Credential $cred -SkipCertificateCheck -ThrottleLimit 257", fakes.Variables());

            // A statement-terminating error: the script goes on, the record lands in the error stream.
            Assert.StartsWith("ParameterArgumentValidationError", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(fakes.First.RequestLog.Entries);
        }

        [Fact]
        public async Task A_verb_that_changes_bmcs_refuses_a_throttle_above_64_before_touching_any_bmc()
        {
            await using var fakes = await FakeBmcs.StartAsync();
            using var session = ModuleSession.Start();

            var result = session.Run(Credential + "Exit-EscUpdateMode -ComputerName $bmcs -Credential $cred -SkipCertificateCheck -ThrottleLimit 65 -Confirm:$false", fakes.Variables());

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("EscThrottleLimitTooHigh", error.FullyQualifiedErrorId);
            Assert.Contains("64", error.Exception.Message);
            Assert.Empty(fakes.First.RequestLog.Entries);
            Assert.Empty(result.Output);
        }
    }
}
