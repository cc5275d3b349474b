using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>Get-EscFirmwareVersion's read-only throttle and request economy (the throttle bounds: ThrottleLimitTests).</summary>
    public sealed class VersionReadTests
    {
        [Fact]
        public async Task Get_EscFirmwareVersion_takes_a_throttle_of_256_and_verbose_states_each_bmcs_requests()
        {
            await using var fakes = await FakeBmcs.StartAsync(2, o => o with { ExpandQuery = ExpandQuery.Supported });
            using var session = ModuleSession.Start();

            var basic = session.RunAgainst(fakes, "Get-EscFirmwareVersion @pinned -ComputerName $bmcs -ThrottleLimit 256 -Verbose");
            var withSession = session.RunAgainst(fakes, "Get-EscFirmwareVersion @pinned -ComputerName $bmcs -UseSession -Verbose");

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
    }
}
