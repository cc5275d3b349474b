using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using EscFirmware.Core.Operations;
using EscFirmware.Core.State;

namespace EscFirmware.Core.Audit
{
    /// <summary>
    /// The append-only audit log, one JSON object per line (<c>&lt;state folder&gt;/audit.jsonl</c> unless given). Each record
    /// is appended whole under an exclusive file lock, so several runs (threads or processes) never interleave lines.
    /// </summary>
    public sealed class AuditLog
    {
        internal static readonly JsonSerializerOptions Json = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };
        private const int LockAttempts = 200;
        private static readonly TimeSpan LockPause = TimeSpan.FromMilliseconds(25);
        private readonly object _gate = new object();

        public AuditLog(string? path = null) => FilePath = string.IsNullOrEmpty(path) ? DefaultPath : Path.GetFullPath(path);

        public static string DefaultPath => Path.Combine(StateFolder.Default, "audit.jsonl");

        public string FilePath { get; }

        public static string CurrentOperator =>
            (string.IsNullOrEmpty(Environment.UserDomainName) || Environment.UserDomainName == Environment.MachineName ? string.Empty : Environment.UserDomainName + "\\")
            + Environment.UserName + "@" + Environment.MachineName;

        public void Append(EscFirmwareAuditRecord record)
        {
            var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n");
            lock (_gate)
            {
                var folder = Path.GetDirectoryName(FilePath);
                if (!string.IsNullOrEmpty(folder)) PrivateFile.CreatePrivateFolder(folder!);
                using (var stream = OpenExclusive())
                {
                    stream.Seek(0, SeekOrigin.End);
                    stream.Write(line, 0, line.Length);
                    stream.Flush(flushToDisk: true);
                }
            }
        }

        private FileStream OpenExclusive()
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
                }
                catch (IOException) when (attempt < LockAttempts && File.Exists(FilePath))
                {
                    Thread.Sleep(LockPause);
                }
                catch (IOException busy)
                {
                    throw new EscFirmwareException("EscAuditLogUnavailable", ErrorKind.ResourceUnavailable,
                        "The audit log " + FilePath + " could not be written: " + busy.Message,
                        recommendedAction: "Check that the folder is writable and no other program holds the file open; pass -AuditPath to use another file.");
                }
            }
        }
    }
}
