using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>
    /// PowerShell.Stop() (Ctrl+C, a stopped runbook job) at every phase of the flashing cmdlets, and -ErrorAction Stop over
    /// two BMCs where one flash fails: Stop() returns only once every BMC is out of update mode with no session open, its
    /// journal finished and its lock free — checked the moment Stop() returns, without waiting.
    /// </summary>
    public sealed class StopTests
    {
        private const string Credential = "$cred = [pscredential]::new($user, [System.Net.NetworkCredential]::new('', $password).SecurePassword)\n";

        public static IEnumerable<object[]> BiosPhases() => new[]
        {
            new object[] { "ShuttingDown" },
            new object[] { "InUpdateMode" },
            new object[] { "SpiWrite" },
            new object[] { "PostWait" },
        };

        [Theory]
        [MemberData(nameof(BiosPhases))]
        public async Task Stop_during_a_BIOS_update_returns_only_once_the_BMC_is_safe(string phase)
        {
            await using var fakes = await FakeBmcs.StartAsync(1, o => o with
            {
                PowerState = PowerState.On,
                Timings = FakeBmcs.Fast with
                {
                    GracefulShutdownDuration = TimeSpan.FromSeconds(2),
                    HpmFlashDuration = TimeSpan.FromSeconds(3),
                    BiosPostDuration = TimeSpan.FromSeconds(20),
                    // On a quiet machine a small upload ends within one poll: hold it so update mode is seen.
                    HpmUploadDuration = TimeSpan.FromSeconds(2),
                },
            });
            using var images = new ImageFolder();
            using var session = ModuleSession.Start();
            var variables = fakes.Variables();
            variables["image"] = images.BiosImage;
            variables["journals"] = images.Journals;
            var bmc = fakes.First;

            using var running = session.Begin(Credential
                + "Invoke-EscBiosUpdate -ComputerName $bmcs -Credential $cred -CertificateThumbprint $thumbprints -Path $image -JournalPath $journals -ShutdownHost -PowerOn -PollIntervalSec 1 -Confirm:$false",
                variables);
            await WaitForAsync(running, () => phase switch
            {
                "ShuttingDown" => bmc.RequestLog.Entries.Any(e => e.Path.EndsWith("ComputerSystem.Reset", StringComparison.Ordinal)) && bmc.State.UpdateModeId == null,
                "InUpdateMode" => bmc.State.UpdateModeId != null && bmc.State.HpmWizard.FlashCount == 0,
                "SpiWrite" => bmc.State.HpmWizard.Phase == HpmWizardPhase.Flashing,
                _ => bmc.State.HpmWizard.FlashCount == 1 && bmc.State.UpdateModeId == null && bmc.State.PowerState == PowerState.On,
            });

            running.Stop();

            BmcSafety.AssertSafe(bmc, images.Journals);
            Assert.True(BmcSafety.JournalExists(bmc, images.Journals));
            var result = running.Wait(TimeSpan.FromSeconds(30));
            Assert.NotNull(result.Terminating);
        }

        [Theory]
        [InlineData("Upload")]
        [InlineData("Flashing")]
        [InlineData("Rebooting")]
        public async Task Stop_during_a_BMC_update_returns_only_once_sessions_are_closed_and_the_journal_finished(string phase)
        {
            await using var fakes = await FakeBmcs.StartAsync(1, o => o with
            {
                Timings = FakeBmcs.Fast with { FlashStepDuration = TimeSpan.FromMilliseconds(150), BmcRebootDuration = TimeSpan.FromSeconds(3), UploadChunkDelay = TimeSpan.FromMilliseconds(20) },
            });
            using var images = new ImageFolder();
            using var session = ModuleSession.Start();
            var variables = fakes.Variables();
            variables["image"] = images.BmcImage;
            var bmc = fakes.First;

            using var running = session.Begin(Credential
                + "Invoke-EscBmcUpdate -ComputerName $bmcs -Credential $cred -CertificateThumbprint $thumbprints -Path $image -PollIntervalSec 1 -Confirm:$false", variables);
            await WaitForAsync(running, () => phase switch
            {
                "Upload" => bmc.RequestLog.Entries.Any(e => e.Method == "POST" && e.Path.Contains("upload", StringComparison.OrdinalIgnoreCase)) || bmc.State.RedfishUpdate.UploadCount > 0,
                "Flashing" => bmc.State.RedfishUpdate.IsUpdating,
                _ => bmc.State.IsDown,
            });

            running.Stop();

            // The BMC flashes on its own once it accepted the image: what Stop() owes is every session closed and the
            // journal and lock released, before it returns.
            Assert.Equal(0, bmc.State.ActiveRedfishSessions);
            Assert.Equal(0, bmc.State.ActiveWebSessions);
            await bmc.WhenUpAsync();
            BmcSafety.AssertSafe(bmc, TestStateFolder.Journals);
            Assert.NotNull(running.Wait(TimeSpan.FromSeconds(30)).Terminating);
        }

        [Theory]
        [InlineData("BmcFlash")]
        [InlineData("SpiWrite")]
        public async Task Stop_during_a_fleet_upgrade_returns_only_once_every_BMC_is_safe(string phase)
        {
            await using var fakes = await FakeBmcs.StartAsync(2, o => o with
            {
                PowerState = PowerState.Off,
                Timings = FakeBmcs.Fast with { FlashStepDuration = TimeSpan.FromMilliseconds(100), HpmFlashDuration = TimeSpan.FromSeconds(3) },
            });
            using var images = new ImageFolder();
            using var session = ModuleSession.Start();
            var variables = fakes.Variables();
            variables["bmcImage"] = images.BmcImage;
            variables["biosImage"] = images.BiosImage;
            variables["journals"] = images.Journals;
            variables["audit"] = images.AuditLog;

            using var running = session.Begin(Credential
                + "Invoke-EscFirmwareUpgrade -ComputerName $bmcs -Credential $cred -CertificateThumbprint $thumbprints -BmcImage $bmcImage -BiosImage $biosImage -JournalPath $journals -AuditPath $audit -PollIntervalSec 1 -Confirm:$false",
                variables);
            await WaitForAsync(running, () => fakes.Servers.Any(bmc => phase == "BmcFlash"
                ? bmc.State.RedfishUpdate.IsUpdating
                : bmc.State.HpmWizard.Phase == HpmWizardPhase.Flashing));

            running.Stop();

            foreach (var bmc in fakes.Servers)
            {
                Assert.Empty(bmc.State.HpmWizard.Violations);
                Assert.Null(bmc.State.UpdateModeId);
                Assert.Equal(0, bmc.State.ActiveWebSessions);
                Assert.Equal(0, bmc.State.ActiveRedfishSessions);
            }
            foreach (var bmc in fakes.Servers)
            {
                await bmc.WhenUpAsync();
                BmcSafety.AssertSafe(bmc, images.Journals);
            }
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
            var variables = failing.Variables();
            variables["bmcs"] = new[] { failing.First.Address, healthy.First.Address };
            variables["thumbprints"] = new[] { failing.First.CertificateSha256, healthy.First.CertificateSha256 };
            variables["image"] = images.BiosImage;
            variables["journals"] = images.Journals;

            var result = session.Run(Credential
                + "Invoke-EscBiosUpdate -ComputerName $bmcs -Credential $cred -CertificateThumbprint $thumbprints -Path $image -JournalPath $journals -PollIntervalSec 1 -Confirm:$false -ErrorAction Stop",
                variables);

            Assert.NotNull(result.Terminating);
            Assert.Equal(1, healthy.First.State.HpmWizard.FlashCount);
            BmcSafety.AssertSafe(healthy.First, images.Journals);
            BmcSafety.AssertSafe(failing.First, images.Journals);
            Assert.True(BmcSafety.JournalExists(healthy.First, images.Journals));
        }

        private static async Task WaitForAsync(RunningScript running, Func<bool> reached)
        {
            var clock = Stopwatch.StartNew();
            while (!reached())
            {
                Assert.False(running.IsCompleted, "the run ended before the phase to stop in");
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the phase to stop in was never reached");
                await Task.Delay(20);
            }
        }
    }
}
