using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>
    /// PowerShell.Stop() during the fleet upgrade (in its BMC stage and in its BIOS stage) and during recovery
    /// (Exit-EscUpdateMode finishing a staged flash): when Stop() returns, every BMC is safe (BmcSafety).
    /// </summary>
    public sealed class StopUpgradeAndRecoveryTests
    {
        [Theory]
        [InlineData("BmcFlash")]
        [InlineData("BiosUpdateMode")]
        [InlineData("BiosSpiWrite")]
        public async Task Stop_during_a_fleet_upgrade_returns_only_once_every_BMC_is_safe(string phase)
        {
            await using var fakes = await FakeBmcs.StartAsync(2, o => o with
            {
                PowerState = PowerState.Off,
                Timings = FakeBmcs.Fast with { FlashStepDuration = TimeSpan.FromMilliseconds(100), HpmFlashDuration = TimeSpan.FromSeconds(3), BmcRebootDuration = TimeSpan.FromSeconds(1), HpmUploadDuration = TimeSpan.FromSeconds(2) },
            });
            using var images = new ImageFolder();
            using var session = ModuleSession.Start();
            using var running = session.BeginAgainst(fakes,
                "$bmcs | Invoke-EscFirmwareUpgrade @pinned -BmcImage $bmcImage -BiosImage $biosImage -JournalPath $journal -AuditPath $audit -PollIntervalSec 1 -Confirm:$false",
                new Dictionary<string, object> { ["bmcImage"] = images.BmcImage, ["biosImage"] = images.BiosImage, ["journal"] = images.Journals, ["audit"] = images.AuditLog });
            await running.WaitForAsync(() => fakes.Servers.Any(bmc => phase switch
            {
                "BmcFlash" => bmc.State.RedfishUpdate.IsUpdating,
                "BiosUpdateMode" => bmc.State.UpdateModeId != null && bmc.State.HpmWizard.FlashCount == 0,
                _ => bmc.State.HpmWizard.Phase == HpmWizardPhase.Flashing,
            }));

            running.Stop();

            foreach (var bmc in fakes.Servers)
            {
                // A Redfish flash the BMC accepted goes on by itself; the client's part is done when Stop() returns.
                Assert.Equal(0, bmc.State.ActiveRedfishSessions);
                Assert.Equal(0, bmc.State.ActiveWebSessions);
                await bmc.WhenUpAsync();
                BmcSafety.AssertSafe(bmc, images.Journals);
                Assert.True(bmc.State.HpmWizard.FlashCount <= 1, "a BIOS write was sent twice");
            }
            Assert.NotNull(running.Wait(TimeSpan.FromSeconds(30)).Terminating);
        }

        [Fact]
        public async Task Stop_while_Exit_EscUpdateMode_finishes_a_staged_flash_returns_only_once_the_BMC_left_update_mode()
        {
            await using var fakes = await FakeBmcs.StartAsync(1, o => LatchedBmc.Latched(o) with
            {
                Timings = FakeBmcs.Fast with { HpmFlashDuration = TimeSpan.FromSeconds(3) },
            });
            using var images = new ImageFolder();
            LatchedBmc.WriteJournal(fakes.First, images.Journals);
            using var session = ModuleSession.Start();
            using var running = session.BeginAgainst(fakes, "$bmcs | Exit-EscUpdateMode @pinned -JournalPath $journal -CompleteFlash -Confirm:$false",
                new Dictionary<string, object> { ["journal"] = images.Journals });
            var bmc = fakes.First;
            await running.WaitForAsync(() => bmc.State.HpmWizard.Phase == HpmWizardPhase.Flashing);

            running.Stop();

            BmcSafety.AssertSafe(bmc, images.Journals);
            Assert.Equal(1, bmc.State.HpmWizard.FlashCount);
            Assert.NotNull(running.Wait(TimeSpan.FromSeconds(30)).Terminating);
        }
    }
}
