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
    /// PowerShell.Stop() (Ctrl+C, a stopped runbook job) at every phase of a BMC and a BIOS update, and -ErrorAction Stop
    /// over two BMCs where one flash fails: Stop() returns only once every BMC is out of update mode with no session open,
    /// its journal finished and its lock free — checked the moment Stop() returns, without waiting.
    /// </summary>
    public sealed class StopTests
    {
        /// <summary>A phase is seen on the fake, or, for the ones the fake cannot tell apart, in the progress the cmdlet shows.</summary>
        public static IEnumerable<object[]> BiosPhases() => new[] { "ShuttingDown", "InUpdateMode", "Preparing", "SpiWrite", "Verifying", "PostWait" }.Select(p => new object[] { p });

        [Theory]
        [MemberData(nameof(BiosPhases))]
        public async Task Stop_during_a_BIOS_update_returns_only_once_the_BMC_is_safe(string phase)
        {
            await using var lab = await Lab.StartAsync(1, o => o with
            {
                PowerState = PowerState.On,
                Timings = FakeBmcs.Fast with
                {
                    GracefulShutdownDuration = TimeSpan.FromSeconds(2),
                    HpmFlashDuration = TimeSpan.FromSeconds(3),
                    HpmVerifyDuration = TimeSpan.FromSeconds(3),
                    BiosPostDuration = TimeSpan.FromSeconds(20),
                    // On a quiet machine a small upload ends within one poll: hold it so update mode is seen.
                    HpmUploadDuration = TimeSpan.FromSeconds(2),
                },
                // hpm/prepare is one request: slow every answer down so the run is still in it when stopped.
                ResponseLatency = phase == "Preparing" ? TimeSpan.FromMilliseconds(300) : TimeSpan.Zero,
            });
            var bmc = lab.First;

            using var running = lab.Begin("Invoke-EscBiosUpdate @pinned -ComputerName $bmcs -Path $biosImage -JournalPath $journal -ShutdownHost -PowerOn -PollIntervalSec 1 -Confirm:$false");
            await running.WaitForAsync(() => phase switch
            {
                "ShuttingDown" => bmc.RequestLog.Entries.Any(e => e.Path.EndsWith("ComputerSystem.Reset", StringComparison.Ordinal)) && bmc.State.UpdateModeId == null,
                "InUpdateMode" => bmc.State.UpdateModeId != null && bmc.State.HpmWizard.FlashCount == 0,
                "Preparing" => InProgress(lab, "Preparing:") && bmc.State.HpmWizard.Phase == HpmWizardPhase.UpdateMode,
                "SpiWrite" => bmc.State.HpmWizard.Phase == HpmWizardPhase.Flashing,
                "Verifying" => bmc.State.HpmWizard.Phase == HpmWizardPhase.Verifying,
                _ => bmc.State.HpmWizard.FlashCount == 1 && bmc.State.UpdateModeId == null && bmc.State.PowerState == PowerState.On,
            });

            running.Stop();

            BmcSafety.AssertSafe(bmc, lab.Images.Journals);
            Assert.True(BmcSafety.JournalExists(bmc, lab.Images.Journals));
            Assert.True(bmc.State.HpmWizard.FlashCount <= 1, "a BIOS write was sent twice");
            Assert.NotNull(running.Wait(TimeSpan.FromSeconds(30)).Terminating);
        }

        public static IEnumerable<object[]> BmcPhases() => new[] { "PreFlight", "Upload", "Flashing", "Rebooting", "Verify" }.Select(p => new object[] { p });

        [Theory]
        [MemberData(nameof(BmcPhases))]
        public async Task Stop_during_a_BMC_update_returns_only_once_sessions_are_closed_and_the_journal_finished(string phase)
        {
            await using var lab = await Lab.StartAsync(1, o => o with
            {
                Timings = FakeBmcs.Fast with { FlashStepDuration = TimeSpan.FromMilliseconds(150), BmcRebootDuration = TimeSpan.FromSeconds(3), UploadChunkDelay = TimeSpan.FromMilliseconds(20) },
                // The pre-flight only reads: slow every answer down so the run is still in it when stopped.
                ResponseLatency = phase == "PreFlight" ? TimeSpan.FromMilliseconds(300) : TimeSpan.Zero,
            });
            var bmc = lab.First;

            using var running = lab.Begin("Invoke-EscBmcUpdate @pinned -ComputerName $bmcs -Path $bmcImage -PollIntervalSec 1 -Confirm:$false");
            await running.WaitForAsync(() => phase switch
            {
                "PreFlight" => InProgress(lab, "PreFlight:"),
                "Upload" => bmc.RequestLog.Entries.Any(e => e.Method == "POST" && e.Path.Contains("upload", StringComparison.OrdinalIgnoreCase)) || bmc.State.RedfishUpdate.UploadCount > 0,
                "Flashing" => bmc.State.RedfishUpdate.IsUpdating,
                "Rebooting" => bmc.State.IsDown,
                // Verify reads the version three times, a poll interval apart, then logs in afresh.
                _ => InProgress(lab, "Verify:"),
            });

            running.Stop();

            // The BMC flashes on its own once it accepted the image: what Stop() owes is every session closed and the
            // journal and lock released, before it returns.
            Assert.Equal(0, bmc.State.ActiveRedfishSessions);
            Assert.Equal(0, bmc.State.ActiveWebSessions);
            if (phase == "PreFlight")
            {
                FakeBmcAssert.Untouched(bmc, "stopped in the pre-flight");
            }
            await bmc.WhenUpAsync();
            BmcSafety.AssertSafe(bmc, TestStateFolder.Journals);
            if (phase == "Verify") Assert.Equal("1.37.1", bmc.State.BmcVersion);
            Assert.NotNull(running.Wait(TimeSpan.FromSeconds(30)).Terminating);
        }

        [Fact]
        public async Task ErrorAction_Stop_over_two_BMCs_where_one_flash_fails_leaves_both_safe_and_the_healthy_write_whole()
        {
            await using var failing = await FakeBmcs.StartAsync(1, o => o with
            {
                PowerState = PowerState.Off, Faults = new FakeBmcFaults { HpmFlashFailsAtPercent = 10 },
            });
            await using var healthy = await FakeBmcs.StartAsync(1, o => o with
            {
                PowerState = PowerState.Off, Timings = FakeBmcs.Fast with { HpmFlashDuration = TimeSpan.FromSeconds(4) },
            });
            using var images = new ImageFolder();
            using var session = ModuleSession.Start();
            var variables = images.Variables();
            variables["bmcs"] = new[] { failing.First.Address, healthy.First.Address };
            variables["thumbprints"] = new[] { failing.First.CertificateSha256, healthy.First.CertificateSha256 };

            var result = session.RunAgainst(failing,
                "Invoke-EscBiosUpdate @pinned -ComputerName $bmcs -Path $biosImage -JournalPath $journal -PollIntervalSec 1 -Confirm:$false -ErrorAction Stop", variables);

            Assert.NotNull(result.Terminating);
            Assert.Equal(1, healthy.First.State.HpmWizard.FlashCount);
            BmcSafety.AssertSafe(healthy.First, images.Journals);
            BmcSafety.AssertSafe(failing.First, images.Journals);
            Assert.True(BmcSafety.JournalExists(healthy.First, images.Journals));
        }

        /// <summary>The cmdlet's progress (as the host shows it) has entered this phase.</summary>
        private static bool InProgress(Lab lab, string phase) => lab.Host.Progress.Any(p => p.StatusDescription.StartsWith(phase, StringComparison.Ordinal));
    }
}
