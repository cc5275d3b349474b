using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using EscFirmware.Core.Operations;
using EscFirmware.Core.State;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Audit
{
    /// <summary>
    /// The append-only audit log, one JSON object per line (<c>&lt;state folder&gt;/audit.jsonl</c> unless given). Each record
    /// is appended whole while holding an exclusive lock on a companion <c>.lock</c> file, so several runs (threads or
    /// processes) never interleave or lose lines. The lock is a separate file because on Unix .NET takes an exclusive
    /// lock only for FileShare.None, which would also shut out readers of the log itself.
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
                using (AcquireLock())
                using (var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
                {
                    stream.Write(line, 0, line.Length);
                    stream.Flush(flushToDisk: true);
                }
            }
        }

        private FileStream AcquireLock()
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return new FileStream(FilePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (attempt < LockAttempts)
                {
                    Thread.Sleep(LockPause);
                }
                catch (IOException busy)
                {
                    throw new EscFirmwareException("EscAuditLogUnavailable", ErrorKind.ResourceUnavailable,
                        "The audit log " + FilePath + " could not be written: " + busy.Message,
                        recommendedAction: Phrase.Of($"Check that the folder is writable and no other program holds the file open; pass {EscParameter.AuditPath} to use another file."));
                }
            }
        }
    }
}
