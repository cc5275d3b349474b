using System.Collections.Generic;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>
    /// Runs another operation's step for its objects: they are kept instead of written, everything else passes through.
    /// </summary>
    internal sealed class CapturingSink : IOperationSink
    {
        private readonly IOperationSink _inner;
        public CapturingSink(IOperationSink inner) => _inner = inner;

        public List<object> Objects { get; } = new List<object>();
        public List<OperationError> Errors { get; } = new List<OperationError>();

        public void WriteObject(object item) => Objects.Add(item);

        public void WriteError(OperationError error)
        {
            Errors.Add(error);
            _inner.WriteError(error);
        }

        public void WriteWarning(string message) => _inner.WriteWarning(message);
        public void WriteVerbose(string message) => _inner.WriteVerbose(message);
        public void WriteDebug(string message) => _inner.WriteDebug(message);
        public void WriteProgress(OperationProgress progress) => _inner.WriteProgress(progress);
    }
}
