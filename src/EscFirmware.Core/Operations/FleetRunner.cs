using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// Runs one piece of work per target, at most <c>throttleLimit</c> at a time, while the calling thread pumps every
    /// record the workers write into the real sink (PowerShell's Write* methods throw off the pipeline thread).
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
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit), "The throttle limit must be at least 1.");
            using (var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var gate = new SemaphoreSlim(throttleLimit))
            using (var queue = new RecordQueue())
            {
                var workers = items.Select(item => RunOneAsync(item, gate, targetOf, work, queue.WorkerSink, stopping.Token)).ToArray();
                Task.WhenAll(workers).ContinueWith(_ => queue.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                var pump = new Pump(pipelineSink, stopping);
                foreach (var record in queue.Drain())
                {
                    pump.Deliver(record);
                }
                // Every worker has finished (the queue completes only then); RunOneAsync never faults.
                Task.WaitAll(workers);
                pump.RethrowIfTheSinkFailed();
            }
        }

        private static async Task RunOneAsync<T>(
            T item,
            SemaphoreSlim gate,
            Func<T, string> targetOf,
            Func<T, IOperationSink, CancellationToken, Task> work,
            IOperationSink sink,
            CancellationToken cancellationToken)
        {
            var entered = false;
            try
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                entered = true;
                await work(item, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                sink.WriteError(OperationError.FromException(ex, targetOf(item)));
            }
            finally
            {
                if (entered) gate.Release();
            }
        }

        /// <summary>Delivers records to the real sink until it throws once; from then on to a sink that discards them.</summary>
        private sealed class Pump
        {
            private readonly CancellationTokenSource _stopping;
            private IOperationSink _sink;
            private ExceptionDispatchInfo? _failure;

            public Pump(IOperationSink sink, CancellationTokenSource stopping)
            {
                _sink = sink;
                _stopping = stopping;
            }

            public void Deliver(Action<IOperationSink> record)
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
                    _stopping.Cancel();
                }
            }

            public void RethrowIfTheSinkFailed() => _failure?.Throw();
        }
    }
}
