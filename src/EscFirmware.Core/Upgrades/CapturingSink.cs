using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>
    /// Runs another operation's step for its objects: they are kept instead of written, everything else passes through,
    /// and ShouldProcess gets a fixed answer (the caller already asked the user, or must not write at all).
    /// </summary>
    internal sealed class CapturingSink : IOperationSink
    {
        private readonly IOperationSink _inner;
        private readonly bool _answer;

        public CapturingSink(IOperationSink inner, bool answer)
        {
            _inner = inner;
            _answer = answer;
        }

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
        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) => Task.FromResult(_answer);
    }
}
