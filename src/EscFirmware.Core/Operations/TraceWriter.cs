using System;

namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// Transport tracing (one debug line per HTTP exchange). Tracing must never change what an operation does, least of
    /// all its cleanup, so a writer that fails is ignored here rather than thrown into the request that was traced.
    /// </summary>
    public sealed class TraceWriter
    {
        private readonly Action<string> _write;

        public TraceWriter(Action<string> write) => _write = write ?? throw new ArgumentNullException(nameof(write));

        public static TraceWriter Debug(IOperationSink sink) => new TraceWriter(sink.WriteDebug);

        public void Write(string line)
        {
            try
            {
                _write(line);
            }
            catch (Exception)
            {
                // Deliberately ignored: see the class summary.
            }
        }
    }
}
