using System;
using System.Diagnostics;
using System.IO;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.State
{
    /// <summary>
    /// One flash per BMC at a time, across threads and processes on this machine: an exclusive lock file per BMC,
    /// held for the whole update and removed when released (or by the OS when the process dies).
    /// </summary>
    public sealed class BmcLock : IDisposable
    {
        private readonly FileStream _stream;

        private BmcLock(FileStream stream) => _stream = stream;

        public static BmcLock Acquire(BmcTarget target)
        {
            var folder = StateFolder.Locks;
            PrivateFile.CreatePrivateFolder(folder);
            var path = Path.Combine(folder, StateFolder.FileNameFor(target) + ".lock");
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose);
                var owner = System.Text.Encoding.UTF8.GetBytes(Environment.MachineName + " pid " + Process.GetCurrentProcess().Id + " since " + DateTimeOffset.UtcNow.ToString("o"));
                stream.SetLength(0);
                stream.Write(owner, 0, owner.Length);
                stream.Flush();
                return new BmcLock(stream);
            }
            catch (IOException)
            {
                throw AlreadyRunning(target.DisplayName, path);
            }
        }

        public void Dispose() => _stream.Dispose();

        private static EscFirmwareException AlreadyRunning(string host, string lockPath) =>
            new EscFirmwareException("EscBmcUpdateAlreadyRunning", ErrorKind.ResourceUnavailable,
                host + ": another EscFirmware update of this BMC is running on this machine (lock " + lockPath + ").",
                recommendedAction: Phrase.Of($"Wait for it to finish; never run two updates of one BMC at once. {EscCommand.GetBmcState.For(host)} shows what the BMC is doing."));
    }
}
