using System;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>Get-EscBmcState in PowerShell sends the admin the right way: a BMC still starting is "wait and re-check".</summary>
    public sealed class BmcStateDiagnosisTests
    {
        [Fact]
        public async Task A_booting_bmc_whose_port_accepts_and_closes_is_Rebooting_with_wait_and_recheck_never_the_ac_drain()
        {
            await using var fakes = await FakeBmcs.StartAsync(1, o => o with { Start = new FakeBmcStartState { BootingFor = TimeSpan.FromMinutes(3) } });
            using var session = ModuleSession.Start();

            var result = session.RunAgainst(fakes, "Get-EscBmcState @pinned -ComputerName $bmcs");

            Assert.True(result.Terminating == null && result.Errors.Count == 0, result.Describe());
            var state = Assert.Single(result.Output);
            Assert.Equal("Rebooting", state.Properties["State"].Value.ToString());
            Assert.Equal(true, state.Properties["Recoverable"].Value);
            var remedy = (string)state.Properties["Remedy"].Value;
            Assert.StartsWith("Wait and re-check", remedy, StringComparison.Ordinal);
            Assert.Contains("Get-EscBmcState " + fakes.First.Address, remedy, StringComparison.Ordinal);
            Assert.DoesNotContain("AC power drain", remedy, StringComparison.Ordinal);
        }
    }
}
