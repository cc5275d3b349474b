using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.AccessControl;
using System.Security.Principal;

namespace EscFirmware.Core.State
{
    /// <summary>
    /// Files only the current user may read: the update-mode journal can hold a live session handle. Written to a
    /// temporary file with owner-only permissions first, then moved over the old one, so a reader never sees half a file
    /// and the secret never sits in a world-readable file, even for a moment.
    /// </summary>
    public static class PrivateFile
    {
        private const int OwnerReadWrite = 0x180; // 0600

        public static void WriteAllText(string path, string content)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            CreatePrivateFolder(folder);
            var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    RestrictToOwner(temporary);
                    using (var writer = new StreamWriter(stream))
                    {
                        writer.Write(content);
                        writer.Flush();
                        stream.Flush(flushToDisk: true);
                    }
                }
                if (File.Exists(path)) File.Replace(temporary, path, destinationBackupFileName: null);
                else File.Move(temporary, path);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }

        public static void CreatePrivateFolder(string folder)
        {
            if (Directory.Exists(folder)) return;
            Directory.CreateDirectory(folder);
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) Chmod(folder, 0x1C0); // 0700
        }

        private static void RestrictToOwner(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                var me = WindowsIdentity.GetCurrent().User!;
                var security = new FileSecurity();
                security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
                security.SetOwner(me);
                security.AddAccessRule(new FileSystemAccessRule(me, FileSystemRights.FullControl, AccessControlType.Allow));
                new FileInfo(path).SetAccessControl(security);
            }
            else
            {
                Chmod(path, OwnerReadWrite);
            }
        }

        private static void Chmod(string path, int mode)
        {
            if (chmod(path, mode) != 0) throw new IOException("Could not restrict the permissions of " + path + " (errno " + Marshal.GetLastWin32Error() + ").");
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, int mode);
    }
}
