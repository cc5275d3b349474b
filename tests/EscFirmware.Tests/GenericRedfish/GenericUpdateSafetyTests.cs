using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.State;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Generic;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Safety;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.GenericRedfish;

/// <summary>
/// The generic Redfish update on the shared update scope: a stopped pipeline in any phase leaves no session, a finished
/// journal and a free lock; a re-run after a stop follows the task the BMC already has instead of pushing again; one
/// flash per BMC at a time, also against the other update commands.
/// </summary>
public sealed class GenericUpdateSafetyTests
{
    private const string PushPath = "/redfish/v1/UpdateService/update-multipart";

    /// <summary>Slow enough tasks, reboots and POSTs that a stop in Task or Verify lands while they run (each task step lasts <paramref name="step"/>).</summary>
    private static FakeBmcOptions SlowTasks(TimeSpan step) => GenericBmc.Dmtf() with
    {
        Timings = new FakeBmcTimings { FlashStepDuration = step, BmcRebootDuration = TimeSpan.FromSeconds(1.5), BiosPostDuration = TimeSpan.FromSeconds(1.5) },
    };

    /// <summary>Pushes the BMC accepted (a push cut short by the stop is not one).</summary>
    private static int Pushes(FakeBmcServer bmc) =>
        bmc.RequestLog.Entries.Count(e => e.Method == "POST" && e.StatusCode == 202 && (e.Path == PushPath || e.Path == "/redfish/v1/UpdateService/update"));

    /// <summary>A BMC image 2.15.0 in <paramref name="folder"/>, journalled there too.</summary>
    private static GenericUpdateOptions BmcImageUpdate(TempDirectory folder, string? expected)
    {
        PersonaImage.Write(folder.File("bmc.bin"), "BMC", "2.15.0");
        var options = GenericBmc.Update(FirmwareComponent.Bmc, folder.File("bmc.bin"), expected: expected);
        options.Settings.StateFolder = folder.File("journal");
        return options;
    }

    private static UpdateJournal JournalOf(FakeBmcServer bmc, string folder) => new(folder, FakeTargets.TargetOf(bmc));

    [Theory]
    [InlineData("PreFlight", FirmwareComponent.Bmc)]
    [InlineData("Push", FirmwareComponent.Bmc)]
    [InlineData("Task", FirmwareComponent.Bmc)]
    [InlineData("Verify", FirmwareComponent.Bmc)]
    [InlineData("Reset", FirmwareComponent.Bios)]
    [InlineData("Verify", FirmwareComponent.Bios)]
    public async Task A_stopped_pipeline_in_any_phase_leaves_no_session_a_finished_journal_a_free_lock_and_a_rerun_never_pushes_twice(string phase, FirmwareComponent component)
    {
        await using var bmc = await FakeBmcServer.StartAsync(SlowTasks(TimeSpan.FromMilliseconds(600)));
        using var folder = new TempDirectory();
        var version = component == FirmwareComponent.Bios ? "1.9.0" : "2.15.0";
        // A stop in Push should land while the image is on its way: big enough to take a while on loopback.
        PersonaImage.Write(folder.File("image.bin"), component == FirmwareComponent.Bios ? "BIOS" : "BMC", version, phase == "Push" ? 24 * 1024 * 1024 : 300_000);
        var options = GenericBmc.Update(component, folder.File("image.bin"), expected: version);
        options.Settings.StateFolder = folder.File("journal");
        options.RestartHost = component == FirmwareComponent.Bios;
        // The pipeline stops as the phase starts: the worker sees it at once (the cancellation), the sink throws from then on.
        var sink = new StoppingSink();
        using var stop = new CancellationTokenSource();
        options.Settings.PhaseObserver = (_, seen) =>
        {
            if (seen.ToString() != phase) return;
            sink.StopNow();
            stop.Cancel();
        };

        Assert.Throws<SimulatedPipelineStoppedException>(() => new GenericUpdateOperation(FakeTargets.Request(bmc), options).Run(sink, stop.Token));
        options.Settings.PhaseObserver = null;

        Assert.True(sink.Stopped);
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
        SafetyAssert.LockFree(FakeTargets.TargetOf(bmc));
        var stopped = JournalOf(bmc, options.Settings.StateFolder).Read();
        if (phase == "PreFlight")
        {
            Assert.Null(stopped); // nothing was journalled because nothing was about to change
        }
        else
        {
            Assert.NotNull(stopped);
            Assert.Equal("Stopped", stopped!.Outcome);
            Assert.Contains(stopped.History, h => h.Phase == "Cleanup" && h.Note == "close the Redfish session: done");
        }
        var pushedBeforeStop = Pushes(bmc);
        Assert.True(pushedBeforeStop <= 1);
        await bmc.WhenUpAsync();

        var rerun = new RecordingSink();
        new GenericUpdateOperation(FakeTargets.Request(bmc), options).Run(rerun, CancellationToken.None);

        var result = Assert.Single(rerun.OfType<EscFirmwareUpdateResult>());
        Assert.True(result.Status == UpdateStatus.Succeeded, result.Message);
        Assert.Equal(version, component == FirmwareComponent.Bios ? bmc.State.BiosVersion : bmc.State.BmcVersion);
        Assert.Equal(1, Pushes(bmc)); // pushed once, whichever run did it
        Assert.Equal(1, bmc.State.Dmtf.AcceptedImages);
        if (pushedBeforeStop == 1) Assert.Contains(rerun.Verbose, v => v.Contains("instead of pushing it again", StringComparison.Ordinal));
        // The reset that activates a BIOS image is sent once, whichever run sent it.
        if (component == FirmwareComponent.Bios) Assert.Single(bmc.RequestLog.Entries, e => e.Method == "POST" && e.Path.EndsWith("ComputerSystem.Reset", StringComparison.Ordinal));
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
        SafetyAssert.LockFree(FakeTargets.TargetOf(bmc));
    }

    [Fact]
    public async Task A_rerun_after_a_stop_while_the_task_runs_resumes_watching_that_task()
    {
        await using var bmc = await FakeBmcServer.StartAsync(SlowTasks(TimeSpan.FromSeconds(1)));
        using var folder = new TempDirectory();
        var options = BmcImageUpdate(folder, expected: null);
        using var stop = new CancellationTokenSource();
        var first = new RecordingSink();
        first.OnProgress = p => { if (p.Phase == "Task") stop.Cancel(); };

        new GenericUpdateOperation(FakeTargets.Request(bmc), options).Run(first, stop.Token);

        var stopped = Assert.Single(first.OfType<EscFirmwareUpdateResult>());
        Assert.Equal("EscOperationStopped", stopped.ErrorId);
        Assert.Contains("The BMC continues the update on its own (task /redfish/v1/TaskService/Tasks/1)", stopped.Message);
        Assert.Contains(first.Warnings, w => w.Contains("run the same update again: it follows the task", StringComparison.Ordinal));
        Assert.Contains(TaskStateNow(bmc), new[] { "Starting", "Running" });

        var second = new RecordingSink();
        new GenericUpdateOperation(FakeTargets.Request(bmc), options).Run(second, CancellationToken.None);

        var resumed = Assert.Single(second.OfType<EscFirmwareUpdateResult>());
        Assert.True(resumed.Status == UpdateStatus.Succeeded, resumed.Message);
        Assert.Equal(("2.14.0", "2.15.0"), (resumed.FromVersion, resumed.ToVersion)); // measured against the version before the first push
        Assert.Equal(1, Pushes(bmc));
        Assert.Contains(second.Verbose, v => v.Contains("resuming watching task /redfish/v1/TaskService/Tasks/1 instead of pushing it again", StringComparison.Ordinal));
        var journal = JournalOf(bmc, folder.File("journal")).Read()!;
        Assert.Equal("Succeeded", journal.Outcome);
        Assert.Contains(journal.History, h => h.Phase == EarlierPush.PushedPhase && h.Note!.Contains("resumed", StringComparison.Ordinal));
    }

    private static string TaskStateNow(FakeBmcServer bmc)
    {
        var task = bmc.State.Dmtf.All().Single();
        return bmc.State.Dmtf.Phase(task).TaskState;
    }

    [Fact]
    public async Task Two_concurrent_updates_of_one_bmc_push_exactly_once()
    {
        await using var bmc = await FakeBmcServer.StartAsync(SlowTasks(TimeSpan.FromSeconds(1)));
        using var folder = new TempDirectory();
        var options = BmcImageUpdate(folder, expected: "2.15.0");
        using var start = new Barrier(2);

        EscFirmwareUpdateResult RunOne()
        {
            var sink = new RecordingSink();
            start.SignalAndWait();
            new GenericUpdateOperation(FakeTargets.Request(bmc), options).Run(sink, CancellationToken.None);
            return Assert.Single(sink.OfType<EscFirmwareUpdateResult>());
        }
        var results = await Task.WhenAll(Task.Run(RunOne), Task.Run(RunOne));

        Assert.Equal(1, Pushes(bmc));
        Assert.Single(results, r => r.Status == UpdateStatus.Succeeded);
        var refused = Assert.Single(results, r => r.Status == UpdateStatus.Failed);
        Assert.Equal("EscBmcUpdateAlreadyRunning", refused.ErrorId);
        // The owner is named once it has written its owner file; a refusal in the instant between says it is just starting.
        Assert.Contains("another EscFirmware operation is changing this BMC right now", refused.Message);
        Assert.EndsWith("Nothing was flashed.", refused.Message);
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
    }

    [Fact]
    public async Task The_lock_is_the_one_Invoke_EscBmcUpdate_takes_for_the_same_host()
    {
        await using var bmc = await FakeBmcServer.StartAsync(SlowTasks(TimeSpan.FromSeconds(1)));
        using var folder = new TempDirectory();
        var options = BmcImageUpdate(folder, expected: "2.15.0");

        using (BmcLock.Acquire(FakeTargets.TargetOf(bmc), "Invoke-EscBmcUpdate (BMC 1.0 -> 1.1)"))
        {
            var sink = new RecordingSink();
            new GenericUpdateOperation(FakeTargets.Request(bmc), options).Run(sink, CancellationToken.None);
            var refused = Assert.Single(sink.OfType<EscFirmwareUpdateResult>());
            Assert.Equal("EscBmcUpdateAlreadyRunning", refused.ErrorId);
            Assert.Contains("Invoke-EscBmcUpdate (BMC 1.0 -> 1.1)", refused.Message);
            Assert.EndsWith("Nothing was flashed.", refused.Message);
        }
        Assert.Equal(0, Pushes(bmc));

        // And the other way round: while the generic update runs, the lock Invoke-EscBmcUpdate would take is held.
        var running = new RecordingSink();
        var held = new TaskCompletionSource<string>();
        running.OnProgress = p =>
        {
            if (p.Phase != "Task" || held.Task.IsCompleted) return;
            try { BmcLock.Acquire(FakeTargets.TargetOf(bmc), "Invoke-EscBmcUpdate").Dispose(); held.TrySetResult("free"); }
            catch (EscFirmwareException busy) { held.TrySetResult(busy.Message); }
        };
        new GenericUpdateOperation(FakeTargets.Request(bmc), options).Run(running, CancellationToken.None);

        Assert.Contains("Invoke-EscRedfishUpdate (BMC firmware)", await held.Task);
        Assert.True(Assert.Single(running.OfType<EscFirmwareUpdateResult>()).Status == UpdateStatus.Succeeded);
        SafetyAssert.LockFree(FakeTargets.TargetOf(bmc));
    }
}
