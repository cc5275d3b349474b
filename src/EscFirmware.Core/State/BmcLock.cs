using System;
using System.Diagnostics;
using System.IO;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.State
{
    /// <summary>
    /// One operation that writes to a BMC at a time, across threads and every process of this user on this machine: an
    /// exclusive lock file per BMC in <see cref="StateFolder.Locks"/> (one folder whatever state folder or journal path a
    /// run uses), held for the whole operation and removed when released (or by the OS when the process dies). Next to
    /// it, an owner file says which operation holds it, so a refused caller can name the running update.
    /// </summary>
    public sealed class BmcLock : IDisposable
    {
        private readonly FileStream _stream;
        private readonly string _ownerPath;

        private BmcLock(FileStream stream, string ownerPath)
        {
            _stream = stream;
            _ownerPath = ownerPath;
        }

        public static BmcLock Acquire(BmcTarget target, string operation)
        {
            var folder = StateFolder.Locks;
            PrivateFile.CreatePrivateFolder(folder);
            var path = Path.Combine(folder, StateFolder.FileNameFor(target) + ".lock");
            var ownerPath = path + ".owner";
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                throw AlreadyRunning(target.DisplayName, OwnerOf(ownerPath), path);
            }
            var owner = operation + " by " + Environment.UserName + "@" + Environment.MachineName + ", process " + Process.GetCurrentProcess().Id
                + ", since " + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                PrivateFile.WriteAllText(ownerPath, owner);
            }
            catch (Exception)
            {
                stream.Dispose();
                throw;
            }
            return new BmcLock(stream, ownerPath);
        }

        private static EscFirmwareException AlreadyRunning(string host, string owner, string lockPath) =>
            new EscFirmwareException("EscBmcUpdateAlreadyRunning", ErrorKind.ResourceUnavailable,
                host + ": another EscFirmware operation is changing this BMC right now (" + owner + "; lock " + lockPath + "). Nothing was sent.",
                recommendedAction: Phrase.Of($"Wait for it to finish; never run two operations that change one BMC at once. {EscCommand.GetBmcState.For(host)} shows what the BMC is doing."));

        private static string OwnerOf(string ownerPath)
        {
            try
            {
                return File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : "its owner is just starting";
            }
            catch (IOException)
            {
                return "its owner could not be read";
            }
        }

        public void Dispose()
        {
            try
            {
                File.Delete(_ownerPath);
            }
            finally
            {
                _stream.Dispose();
            }
        }
    }
}
