using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// Runs one piece of work per target, at most <c>throttleLimit</c> at a time, while the calling thread pumps every
    /// record the workers write into the real sink (PowerShell's Write* methods throw off the pipeline thread), each as
    /// soon as it is written: a host's result reaches the pipeline when that host completes.
    /// The runner owns its workers: the record queue lives until every worker has finished. When the real sink throws
    /// (a stopped pipeline, -ErrorAction Stop), the workers are cancelled, their records keep draining into a
    /// <see cref="DiscardingSink"/>, every worker's cleanup runs to its end, and only then is the sink's exception
    /// rethrown — so a stopped pipeline returns when every BMC is safe, never before (the pattern of PowerShell's own
    /// ForEach-Object -Parallel, whose writer closes only after the pool drains).
    /// </summary>
    public static class FleetRunner
    {
        public static void Run<T>(
            IReadOnlyList<T> items,
            int throttleLimit,
            Func<T, string> targetOf,
            Func<T, IOperationSink, CancellationToken, Task> work,
            IOperationSink pipelineSink,
            CancellationToken cancellationToken)
        {
            using (var run = new Fleet(throttleLimit, pipelineSink, cancellationToken))
            {
                foreach (var item in items)
                {
                    run.Start(targetOf(item), (sink, token) => work(item, sink, token));
                }
                run.PumpUntilEveryWorkerFinished();
            }
        }

        /// <summary>
        /// Plan, confirm, execute: every host's read-only pre-flight runs in parallel and returns a plan (or null when it
        /// already wrote its answer); this thread asks <see cref="IConfirmingSink.ShouldProcess"/> for each plan as it
        /// arrives, and starts the approved ones in parallel. No worker ever waits for an answer.
        /// </summary>
        public static void RunPlanned<T>(
            IReadOnlyList<T> items,
            int throttleLimit,
            Func<T, string> targetOf,
            Func<T, IOperationSink, CancellationToken, Task<HostPlan?>> plan,
            IConfirmingSink pipelineSink,
            CancellationToken cancellationToken)
        {
            using (var run = new Fleet(throttleLimit, pipelineSink, cancellationToken))
            {
                foreach (var item in items)
                {
                    var target = targetOf(item);
                    run.Start(target, async (sink, token) =>
                    {
                        var planned = await plan(item, sink, token).ConfigureAwait(false);
                        if (planned != null) run.Confirm(planned);
                    });
                }
                run.PumpUntilEveryWorkerFinished();
            }
        }

        /// <summary>One run: the queue, the throttle, the workers, and how many pieces of work are still owed an end.</summary>
        private sealed class Fleet : IDisposable
        {
            private readonly CancellationTokenSource _stopping;
            private readonly SemaphoreSlim _gate;
            private readonly RecordQueue _queue = new RecordQueue();
            private readonly ConcurrentQueue<Task> _workers = new ConcurrentQueue<Task>();
            private IConfirmingSink? _confirming;
            private IOperationSink _sink;
            private ExceptionDispatchInfo? _failure;
            private int _open;

            public Fleet(int throttleLimit, IOperationSink pipelineSink, CancellationToken cancellationToken)
            {
                if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit), "The throttle limit must be at least 1.");
                _gate = new SemaphoreSlim(throttleLimit);
                _stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _sink = pipelineSink;
                _confirming = pipelineSink as IConfirmingSink;
                // The caller's own unit, held until every item has been started: the queue cannot complete early.
                _open = 1;
            }

            public void Start(string target, Func<IOperationSink, CancellationToken, Task> work)
            {
                Interlocked.Increment(ref _open);
                _workers.Enqueue(RunOneAsync(target, work));
            }

            /// <summary>Called by a worker whose pre-flight produced a plan: the plan stays owed an end until it is decided.</summary>
            public void Confirm(HostPlan plan)
            {
                Interlocked.Increment(ref _open);
                _queue.Post(sink => Decide(plan));
            }

            public void PumpUntilEveryWorkerFinished()
            {
                Finished();
                foreach (var record in _queue.Drain())
                {
                    Deliver(record);
                }
                // The queue completes only once every worker has finished; RunOneAsync never faults.
                Task.WaitAll(_workers.ToArray());
                _failure?.Throw();
            }

            private async Task RunOneAsync(string target, Func<IOperationSink, CancellationToken, Task> work)
            {
                var entered = false;
                var sink = _queue.WorkerSink;
                try
                {
                    await _gate.WaitAsync(_stopping.Token).ConfigureAwait(false);
                    entered = true;
                    await work(sink, _stopping.Token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    sink.WriteError(OperationError.FromException(ex, target));
                }
                finally
                {
                    if (entered) _gate.Release();
                    Finished();
                }
            }

            /// <summary>On this (the pipeline) thread: ask, then start the approved plan or write why it did not run.</summary>
            private void Decide(HostPlan plan)
            {
                try
                {
                    if (_stopping.IsCancellationRequested)
                    {
                        _sink.WriteError(new OperationError("EscOperationStopped", ErrorKind.OperationStopped,
                            plan.Target + ": stopped before anything was changed (" + plan.Action + ").", plan.Target));
                        return;
                    }
                    if (_confirming != null && _confirming.ShouldProcess(plan.Target, plan.Action))
                    {
                        Start(plan.Target, plan.Execute);
                        return;
                    }
                    plan.NotApproved(_sink);
                }
                finally
                {
                    Finished();
                }
            }

            private void Deliver(Action<IOperationSink> record)
            {
                try
                {
                    record(_sink);
                }
                catch (Exception failure)
                {
                    if (_failure != null) return;
                    _failure = ExceptionDispatchInfo.Capture(failure);
                    _sink = DiscardingSink.Instance;
                    _confirming = DiscardingSink.Instance;
                    _stopping.Cancel();
                }
            }

            private void Finished()
            {
                if (Interlocked.Decrement(ref _open) == 0) _queue.Complete();
            }

            public void Dispose()
            {
                _queue.Dispose();
                _gate.Dispose();
                _stopping.Dispose();
            }
        }
    }
}
