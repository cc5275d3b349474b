using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// The records workers write, waiting for the thread that owns the real sink. <see cref="WorkerSink"/> never throws:
    /// the queue accepts records until <see cref="Complete"/>, which its owner calls only once every worker has finished.
    /// </summary>
    internal sealed class RecordQueue : IDisposable
    {
        private readonly BlockingCollection<Action<IOperationSink>> _records = new BlockingCollection<Action<IOperationSink>>();

        public RecordQueue() => WorkerSink = new QueuedSink(this);

        public IOperationSink WorkerSink { get; }

        public IEnumerable<Action<IOperationSink>> Drain() => _records.GetConsumingEnumerable();

        public void Complete() => _records.CompleteAdding();

        /// <summary>A record from the runner itself (a plan waiting for its answer); never throws either.</summary>
        public void Post(Action<IOperationSink> record) => Add(record);

        public void Dispose() => _records.Dispose();

        private void Add(Action<IOperationSink> record)
        {
            // After Complete no worker is left to write; a late record (a bug) is dropped rather than thrown into cleanup.
            try
            {
                _records.TryAdd(record);
            }
            catch (InvalidOperationException)
            {
                // Also ObjectDisposedException, its subclass.
            }
        }

        private sealed class QueuedSink : IOperationSink
        {
            private readonly RecordQueue _queue;

            public QueuedSink(RecordQueue queue) => _queue = queue;

            public void WriteObject(object item) => _queue.Add(s => s.WriteObject(item));
            public void WriteError(OperationError error) => _queue.Add(s => s.WriteError(error));
            public void WriteWarning(string message) => _queue.Add(s => s.WriteWarning(message));
            public void WriteVerbose(string message) => _queue.Add(s => s.WriteVerbose(message));
            public void WriteDebug(string message) => _queue.Add(s => s.WriteDebug(message));
            public void WriteProgress(OperationProgress progress) => _queue.Add(s => s.WriteProgress(progress));
        }
    }
}
