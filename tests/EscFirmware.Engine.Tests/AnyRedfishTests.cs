using System;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>The HPE iLO update service and the generic DMTF update through the cmdlets, in the hosted engine.</summary>
    public sealed class AnyRedfishTests
    {
        [Fact]
        public async Task Ilo_upload_without_flashing_then_a_task_in_a_maintenance_window_completes_when_it_opens_and_the_inventory_shows_it()
        {
            await using var ilo = await Lab.StartAsync(FakePersona.HpeIlo, 1, o => o with
            {
                Ilo = new IloPersonaOptions { UploadStepDuration = TimeSpan.FromMilliseconds(200), ApplyDuration = TimeSpan.FromMilliseconds(500) },
            });
            var opens = DateTime.UtcNow.AddSeconds(3);

            var result = ilo.Run(
                "$c = Add-EscRepositoryComponent @pinned -ComputerName $bmcs[0] -Path $iloImage -PollIntervalSec 1 -Confirm:$false\n" +
                "$before = (Get-EscFirmwareInventory @pinned -ComputerName $bmcs[0] | Where-Object Name -eq 'iLO 6').Version\n" +
                "$w = New-EscMaintenanceWindow @pinned -ComputerName $bmcs[0] -Name tonight -StartAfter $opens -Expire $opens.AddHours(1) -Confirm:$false\n" +
                "$t = New-EscUpdateTask @pinned -ComputerName $bmcs[0] -Name 'ilo 1.56' -Filename $c.Filename -MaintenanceWindow $w.Id -Wait -PollIntervalSec 1 -TaskTimeoutSec 30 -Confirm:$false\n" +
                "$after = (Get-EscFirmwareInventory @pinned -ComputerName $bmcs[0] | Where-Object Name -eq 'iLO 6').Version\n" +
                "$c.Version; $before; $t.State; $after",
                new System.Collections.Generic.Dictionary<string, object> { ["opens"] = opens });

            Assert.True(result.Terminating == null && result.Errors.Count == 0, result.Describe());
            Assert.Equal(new[] { "1.56", "1.55", "Complete", "1.56" }, result.Output.Select(o => o.ToString()));
            Assert.True(DateTime.UtcNow >= opens, "the task ran before its window opened");
            Assert.True(ilo.First.State.Ilo.LastUploadHadSessionCookie);
            Assert.Equal(0, ilo.First.State.ActiveRedfishSessions);
        }

        [Fact]
        public async Task A_generic_bmc_update_through_a_task_monitor_is_verified_by_inventory()
        {
            await using var dmtf = await Lab.StartAsync(FakePersona.GenericDmtf, 1, o => o with
            {
                Timings = new FakeBmcTimings { FlashStepDuration = TimeSpan.FromMilliseconds(300), BmcRebootDuration = TimeSpan.FromMilliseconds(500) },
            });

            var result = dmtf.Run("Invoke-EscRedfishUpdate @pinned -ComputerName $bmcs[0] -Component Bmc -Path $dmtfImage -ExpectedVersion 2.15.0 -PollIntervalSec 1 -Confirm:$false");

            Assert.True(result.Terminating == null && result.Errors.Count == 0, result.Describe());
            var update = Assert.Single(result.Output);
            Assert.Equal("Succeeded", update.Properties["Status"].Value.ToString());
            Assert.Equal("2.15.0", update.Properties["ToVersion"].Value);
            Assert.Contains(dmtf.First.RequestLog.Entries, e => e.Path.Contains("/TaskMonitors/") && e.StatusCode == 204);
            await dmtf.First.WhenUpAsync();
            Assert.Equal("2.15.0", dmtf.First.State.BmcVersion);
        }
    }
}
