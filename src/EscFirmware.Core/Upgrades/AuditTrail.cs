using System;
using EscFirmware.Core.Audit;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>The audit records of one upgrade run: stamps time, run id and operator on every record it writes.</summary>
    public sealed class AuditTrail
    {
        private readonly AuditLog _log;

        public AuditTrail(AuditLog log)
        {
            _log = log;
            RunId = Guid.NewGuid().ToString("N").Substring(0, 12);
            Operator = AuditLog.CurrentOperator;
        }

        public string RunId { get; }
        public string Operator { get; }
        public string FilePath => _log.FilePath;

        public void Write(EscFirmwareAuditRecord record)
        {
            record.Time = DateTimeOffset.UtcNow;
            record.RunId = RunId;
            record.Operator = Operator;
            _log.Append(record);
        }
    }
}
