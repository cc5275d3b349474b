using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Safety;

/// <summary>The runner owns its workers: a sink that throws never cuts a worker's cleanup short, and Run returns only after every worker ended.</summary>
public sealed class FleetRunnerStopTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void A_sink_that_throws_cancels_the_workers_and_waits_for_every_cleanup_before_rethrowing(int recordsBeforeStop)
    {
        var sink = new StoppingSink(recordsBeforeStop);
        var cleanedUp = new ConcurrentBag<string>();
        var hosts = new[] { "bmc1", "bmc2", "bmc3" };

        var thrown = Assert.Throws<SimulatedPipelineStoppedException>(() => FleetRunner.Run(hosts, 3, h => h, async (host, worker, token) =>
        {
            try
            {
                for (var i = 0; i < 1000; i++)
                {
                    worker.WriteVerbose(host + ": working " + i);
                    await Task.Delay(5, token);
                }
            }
            finally
            {
                // A cleanup that takes time and reports as it goes, after the pipeline is gone.
                await Task.Delay(200, CancellationToken.None);
                worker.WriteWarning(host + ": cleaned up");
                worker.WriteDebug(host + ": trace");
                cleanedUp.Add(host);
            }
        }, sink, CancellationToken.None));

        Assert.NotNull(thrown);
        Assert.Equal(hosts.OrderBy(h => h), cleanedUp.OrderBy(h => h));
        Assert.True(sink.Stopped);
    }

    [Fact]
    public void A_plan_waiting_for_its_answer_when_the_pipeline_stops_never_runs_and_nothing_waits_for_it()
    {
        var sink = new StoppingSink();
        var executed = 0;

        Assert.Throws<SimulatedPipelineStoppedException>(() => FleetRunner.RunPlanned(new[] { "bmc1", "bmc2" }, 2, h => h, async (host, worker, token) =>
        {
            if (host == "bmc1") sink.StopNow();
            else await Task.Delay(100, CancellationToken.None);
            return new HostPlan(host, "flash", (s, t) => { Interlocked.Increment(ref executed); return Task.CompletedTask; }, s => s.WriteObject(host + " not approved"));
        }, sink, CancellationToken.None));

        Assert.Equal(0, executed);
        Assert.Empty(sink.Inner.ShouldProcessCalls);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Plans_are_confirmed_on_the_pipeline_thread_and_only_approved_ones_run(bool approve)
    {
        var sink = new RecordingSink(confirm: approve);
        var executed = new ConcurrentBag<string>();

        FleetRunner.RunPlanned(new[] { "bmc1", "bmc2", "bmc3" }, 3, h => h, (host, worker, token) =>
            Task.FromResult<HostPlan?>(host == "bmc3" ? null : new HostPlan(host, "flash " + host,
                async (s, t) => { await Task.Delay(10, t); executed.Add(host); s.WriteObject(host + " done"); },
                s => s.WriteObject(host + " not approved"))), sink, CancellationToken.None);

        Assert.True(sink.AllCallsOnPipelineThread);
        Assert.Equal(new[] { "flash bmc1", "flash bmc2" }, sink.ShouldProcessCalls.Select(c => c.Action).OrderBy(a => a));
        Assert.Equal(approve ? new[] { "bmc1", "bmc2" } : new string[0], executed.OrderBy(h => h));
        Assert.Equal(new[] { "bmc1 " + (approve ? "done" : "not approved"), "bmc2 " + (approve ? "done" : "not approved") }, sink.Objects.Cast<string>().OrderBy(o => o));
    }

    [Fact]
    public void The_worker_sink_never_throws_even_after_the_pipeline_stopped()
    {
        var sink = new StoppingSink(recordsBeforeStop: 0);
        Exception? seenByWorker = null;

        Assert.Throws<SimulatedPipelineStoppedException>(() => FleetRunner.Run(new[] { "bmc1" }, 1, h => h, async (host, worker, token) =>
        {
            try
            {
                worker.WriteObject("first");
                await Task.Delay(50, CancellationToken.None);
                for (var i = 0; i < 50; i++)
                {
                    worker.WriteObject(i);
                    worker.WriteError(new OperationError("Id", ErrorKind.InvalidOperation, "m", host));
                    worker.WriteProgress(new OperationProgress(1, "a", "s"));
                    TraceWriter.Debug(worker).Write("GET /redfish/v1 -> 200");
                }
            }
            catch (Exception ex)
            {
                seenByWorker = ex;
            }
        }, sink, CancellationToken.None));

        Assert.Null(seenByWorker);
    }

    [Fact]
    public void Each_host_result_reaches_the_sink_as_soon_as_that_host_completes()
    {
        var sink = new RecordingSink();
        var firstDelivered = new TaskCompletionSource();
        var observer = new ObservingSink(sink, item => { if ((string)item == "fast") firstDelivered.TrySetResult(); });

        FleetRunner.Run(new[] { "fast", "slow" }, 2, h => h, async (host, worker, token) =>
        {
            if (host == "slow")
            {
                // The slow host finishes only once the fast host's result has reached the pipeline thread.
                await firstDelivered.Task.WaitAsync(TimeSpan.FromSeconds(10), token);
            }
            worker.WriteObject(host);
        }, observer, CancellationToken.None);

        Assert.Equal(new object[] { "fast", "slow" }, sink.Objects.ToArray());
    }

    [Fact]
    public void A_trace_writer_over_a_failing_writer_does_not_fail()
    {
        var calls = 0;
        var trace = new TraceWriter(_ => { calls++; throw new ObjectDisposedException("queue"); });

        trace.Write("GET /redfish/v1 -> 200");

        Assert.Equal(1, calls);
    }

    private sealed class ObservingSink(RecordingSink inner, Action<object> onObject) : IOperationSink
    {
        public void WriteObject(object item) { inner.WriteObject(item); onObject(item); }
        public void WriteError(OperationError error) => inner.WriteError(error);
        public void WriteWarning(string message) => inner.WriteWarning(message);
        public void WriteVerbose(string message) => inner.WriteVerbose(message);
        public void WriteDebug(string message) => inner.WriteDebug(message);
        public void WriteProgress(OperationProgress progress) => inner.WriteProgress(progress);
    }
}
