using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>The cmdlets against an HTTPS server that is not a Redfish service say what they found there, never a parser's
    /// exception and never "wrong credentials".</summary>
    public sealed class NotABmcTests
    {
        private const string Credential = "$cred = [pscredential]::new('admin', [System.Net.NetworkCredential]::new('', 'x').SecurePassword)\n";

        [Theory]
        [InlineData(NotABmcServer.HtmlPage, "text/html", "an HTML page")]
        [InlineData(NotABmcServer.OtherJson, "application/json", "JSON that is not a Redfish service root")]
        public async Task Get_EscFirmwareVersion_names_what_answers_instead_of_redfish(string body, string contentType, string found)
        {
            await using var server = await NotABmcServer.StartAsync(body, contentType);
            using var session = ModuleSession.Start();

            var result = session.Run(Credential + "Get-EscFirmwareVersion -ComputerName $bmc -Credential $cred -SkipCertificateCheck",
                new Dictionary<string, object> { ["bmc"] = server.Address });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("EscNotRedfishService", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("not a Redfish service: " + found + " at /redfish/v1", error.Exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", error.Exception.Message + error.ErrorDetails?.RecommendedAction, StringComparison.Ordinal);
            Assert.DoesNotContain("password", error.Exception.Message + error.ErrorDetails?.RecommendedAction, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task Get_EscBmcState_says_NotRedfish_and_logs_in_nowhere()
        {
            await using var server = await NotABmcServer.StartAsync(NotABmcServer.OtherJson, "application/json");
            using var session = ModuleSession.Start();

            var result = session.Run(Credential + "Get-EscBmcState -ComputerName $bmc -Credential $cred -SkipCertificateCheck",
                new Dictionary<string, object> { ["bmc"] = server.Address });

            Assert.True(result.Terminating == null && result.Errors.Count == 0, result.Describe());
            var state = Assert.Single(result.Output);
            Assert.Equal("NotRedfish", state.Properties["State"].Value.ToString());
            Assert.Contains("Not a Redfish service: JSON that is not a Redfish service root", (string)state.Properties["Remedy"].Value, StringComparison.Ordinal);
            Assert.Equal(new[] { "GET /redfish/v1" }, server.Requests.ToArray());
        }
    }
}
