using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Recovery;
using EscFirmware.Core.State;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.BiosUpdate;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Recovery;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Safety;

/// <summary>One operation that writes to a BMC at a time, across processes and whatever state folder or journal path each uses.</summary>
public sealed class BmcLockTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Exit_update_mode_during_a_running_update_is_refused_naming_it_and_the_update_completes(bool sameJournal, bool completeFlash)
    {
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off);
        using var recovery = new RecoveryFixture();
        var atFlash = new TaskCompletionSource();
        var goOn = new TaskCompletionSource();
        var options = f.Options();
        options.Settings.PhaseObserver = (_, phase) =>
        {
            if (phase != BiosUpdatePhase.Flashing) return;
            atFlash.TrySetResult();
            goOn.Task.Wait(TimeSpan.FromSeconds(30));
        };
        var update = Task.Run(() => f.Run(options));
        await atFlash.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(f.Bmc.State.UpdateModeId);

        var sink = new RecordingSink();
        var exitOptions = new ExitUpdateModeOptions { CompleteFlash = completeFlash, Settings = recovery.Settings };
        if (sameJournal) exitOptions.Settings.JournalPath = f.JournalFolder;
        new ExitUpdateModeOperation(FakeTargets.Request(f.Bmc), exitOptions).Run(sink, CancellationToken.None);
        goOn.SetResult();
        var (result, _) = await update.WaitAsync(TimeSpan.FromSeconds(60));

        var refused = Assert.Single(sink.Errors);
        Assert.Equal("EscBmcUpdateAlreadyRunning", refused.ErrorId);
        Assert.Contains("Invoke-EscBiosUpdate", refused.Message);
        Assert.Contains("process " + Environment.ProcessId, refused.Message);
        Assert.Empty(sink.OfType<EscUpdateModeExitResult>());
        Assert.Empty(sink.ShouldProcessCalls);
        Assert.Equal(UpdateStatus.Succeeded, result.Status);
        Assert.Equal(1, f.Bmc.State.HpmWizard.FlashCount);
        Assert.Equal(1, f.Bmc.State.HpmWizard.ExitCount);
        f.AssertCleanEnd();
    }

    [Fact]
    public async Task Two_processes_with_different_state_folders_on_one_BMC_exactly_one_enters_update_mode()
    {
        // The first run holds the BMC's lock while it shuts the host down (slowly), before update mode: the second run,
        // started then with a state folder of its own, passes its read-only pre-flight and must meet that lock.
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions
        {
            PowerState = PowerState.On,
            Timings = BiosUpdateFixture.FastTimings with { GracefulShutdownDuration = TimeSpan.FromSeconds(15) },
        });
        using var folder = new TempDirectory();
        var image = folder.File("Z14PG-D32-ASUS-0804.HPM");
        EscFirmware.FakeBmc.SupportSite.HpmImageWriter.WriteFile(EscFirmware.FakeBmc.SupportSite.HpmImageSpec.Bios("0804", length: 100_000), image);
        var owner = Path.Combine(StateFolder.Locks, StateFolder.FileNameFor(FakeTargets.TargetOf(bmc)) + ".lock.owner");

        var first = Escfw(bmc, image, folder.File("state-a"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(owner) && !first.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(File.Exists(owner), "the first run never took the lock: " + (first.IsCompleted ? (await first).Output : "still running"));
        var second = await Escfw(bmc, image, folder.File("state-b"));
        var firstDone = await first;

        var entered = bmc.RequestLog.Entries.Count(e => e.Method == "PUT" && e.Path.EndsWith("/hpm/updatemode", StringComparison.Ordinal) && e.StatusCode == 200);
        Assert.True(entered == 1, "update mode was entered " + entered + " times; outputs:\n" + firstDone.Output + "\n---\n" + second.Output);
        Assert.True(firstDone.Code == 0, firstDone.Output);
        Assert.True(second.Code != 0, second.Output);
        Assert.Contains("EscBmcUpdateAlreadyRunning", second.Output);
        Assert.Contains("Invoke-EscBiosUpdate", second.Output);
        Assert.Empty(bmc.State.HpmWizard.Violations);
        Assert.Null(bmc.State.UpdateModeId);
        Assert.Equal(0, bmc.State.ActiveWebSessions);
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
        Assert.False(File.Exists(owner));
    }

    /// <summary>escfw in a child process of its own, with its own state folder (ESCFW_STATE_DIR), as a second admin or runbook would run it.</summary>
    private static async Task<(int Code, string Output)> Escfw(FakeBmcServer bmc, string image, string stateFolder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "escfw.dll"), "update", "bios", "--bmc", bmc.Address, "--user", bmc.Options.UserName,
            "--certificate-thumbprint", bmc.CertificateSha256, "--path", image, "--shutdown-host", "--yes", "--json", "--poll-interval-sec", "1",
        })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ESC_BMC_PASSWORD"] = bmc.Options.Password;
        start.Environment["ESCFW_STATE_DIR"] = stateFolder;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await error);
    }
}
