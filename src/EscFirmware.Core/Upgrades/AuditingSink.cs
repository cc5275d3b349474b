using System;
using EscFirmware.Core.Audit;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>
    /// Passes one server's records through and writes an audit record for every phase change it sees, with how long
    /// the previous phase took (no trail under -WhatIf: nothing is written). Phases come from the workflows' progress
    /// records, so no workflow knows about auditing.
    /// </summary>
    internal sealed class AuditingSink : IOperationSink
    {
        private readonly IOperationSink _inner;
        private readonly AuditTrail? _trail;
        private readonly string _host;
        private string? _component;
        private string? _phase;
        private DateTimeOffset _phaseSince;

        public AuditingSink(IOperationSink inner, AuditTrail? trail, string host)
        {
            _inner = inner;
            _trail = trail;
            _host = host;
        }

        /// <summary>Which component the following phases belong to.</summary>
        public void StartComponent(string component)
        {
            _component = component;
            _phase = null;
        }

        public void WriteProgress(OperationProgress progress)
        {
            if (progress.Phase != null && progress.Phase != _phase)
            {
                var now = DateTimeOffset.UtcNow;
                var previous = _phase == null ? (double?)null : Math.Round((now - _phaseSince).TotalSeconds, 3);
                WriteAudit(new EscFirmwareAuditRecord { ComputerName = _host, Event = AuditEvent.PhaseChanged, Component = _component, Phase = progress.Phase, PreviousPhaseSeconds = previous, Message = progress.Status });
                _phase = progress.Phase;
                _phaseSince = now;
            }
            _inner.WriteProgress(progress);
        }

        /// <summary>A sink a workflow writes to never throws: an audit file that cannot be written is reported, not thrown into the update.</summary>
        private void WriteAudit(EscFirmwareAuditRecord record)
        {
            try
            {
                _trail?.Write(record);
            }
            catch (Exception failed) when (failed is System.IO.IOException || failed is UnauthorizedAccessException)
            {
                _inner.WriteWarning(_host + ": the audit record of phase " + record.Phase + " could not be written (" + failed.Message + ").");
            }
        }

        public void WriteObject(object item) => _inner.WriteObject(item);
        public void WriteError(OperationError error) => _inner.WriteError(error);
        public void WriteWarning(string message) => _inner.WriteWarning(message);
        public void WriteVerbose(string message) => _inner.WriteVerbose(message);
        public void WriteDebug(string message) => _inner.WriteDebug(message);
    }
}
