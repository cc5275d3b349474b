using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// Runs one piece of work per target, at most <c>throttleLimit</c> at a time, while the calling thread pumps every
    /// record the workers write into the real sink. Workers never touch the real sink: PowerShell's Write* methods throw
    /// off the pipeline thread, so this is the only way records reach it.
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
            using (var queue = new BlockingCollection<Action<IOperationSink>>())
            using (var gate = new SemaphoreSlim(throttleLimit))
            {
                var workerSink = new QueuedSink(queue);
                var workers = items.Select(item => RunOneAsync(item, gate, targetOf, work, workerSink, cancellationToken)).ToArray();
                var all = Task.WhenAll(workers).ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);

                foreach (var record in queue.GetConsumingEnumerable())
                {
                    record(pipelineSink);
                }
                all.GetAwaiter().GetResult();
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

        private sealed class QueuedSink : IOperationSink
        {
            private readonly BlockingCollection<Action<IOperationSink>> _queue;

            public QueuedSink(BlockingCollection<Action<IOperationSink>> queue) => _queue = queue;

            public void WriteObject(object item) => _queue.Add(s => s.WriteObject(item));
            public void WriteError(OperationError error) => _queue.Add(s => s.WriteError(error));
            public void WriteWarning(string message) => _queue.Add(s => s.WriteWarning(message));
            public void WriteVerbose(string message) => _queue.Add(s => s.WriteVerbose(message));
            public void WriteDebug(string message) => _queue.Add(s => s.WriteDebug(message));
            public void WriteProgress(OperationProgress progress) => _queue.Add(s => s.WriteProgress(progress));

            public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
            {
                var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _queue.Add(s =>
                {
                    try
                    {
                        answer.TrySetResult(s.ShouldProcessAsync(target, action, cancellationToken).GetAwaiter().GetResult());
                    }
                    catch (Exception ex)
                    {
                        answer.TrySetException(ex);
                    }
                });
                return answer.Task;
            }
        }
    }
}
