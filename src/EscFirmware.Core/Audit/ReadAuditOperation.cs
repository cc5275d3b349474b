using System.IO;
using System.Text.Json;
using System.Threading;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Audit
{
    /// <summary>Reads the audit log back as records, streaming it line by line; a damaged line is skipped with a warning.</summary>
    public sealed class ReadAuditOperation
    {
        private readonly string _path;
        private readonly AuditQuery _query;

        public ReadAuditOperation(string? path, AuditQuery query)
        {
            _path = new AuditLog(path).FilePath;
            _query = query;
        }

        public void Run(IOperationSink sink, CancellationToken cancellationToken)
        {
            if (!File.Exists(_path))
            {
                sink.WriteError(new OperationError("EscAuditLogNotFound", ErrorKind.ObjectNotFound,
                    "There is no audit log at " + _path + ".", _path,
                    recommendedAction: Phrase.Of($"Pass {EscParameter.AuditPath} with the file an upgrade wrote, or run an upgrade first.")));
                return;
            }
            using (var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(stream))
            {
                var number = 0;
                string? line;
                while ((line = reader.ReadLine()) != null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    number++;
                    if (line.Trim().Length == 0) continue;
                    EscFirmwareAuditRecord? record = null;
                    try
                    {
                        record = JsonSerializer.Deserialize<EscFirmwareAuditRecord>(line, AuditLog.Json);
                    }
                    catch (JsonException)
                    {
                        sink.WriteWarning(_path + ": line " + number + " is not an audit record and was skipped.");
                    }
                    if (record != null && _query.Matches(record)) sink.WriteObject(record);
                }
            }
        }
    }
}
