using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace EscFirmware.Core.Packages
{
    /// <summary>
    /// Unpacks a vendor zip into its own folder, refusing the whole archive (before writing anything) when an entry
    /// would land outside that folder, is a link, or when the archive has too many entries; bytes are counted while
    /// copying, so an archive that expands past the bound is refused whatever sizes it declares. Extraction happens in a
    /// temporary folder that is renamed only when complete.
    /// </summary>
    public static class SafeZipExtractor
    {
        private const int UnixFileTypeMask = 0xF000;
        private const int UnixSymbolicLink = 0xA000;
        private const int WindowsReparsePoint = 0x400;
        // ZipArchiveEntry.ExternalAttributes exists on every runtime we run on (.NET Framework 4.7.2+, .NET Core 2.1+)
        // but not in the netstandard2.0 reference assemblies.
        private static readonly PropertyInfo? ExternalAttributes = typeof(ZipArchiveEntry).GetProperty("ExternalAttributes");

        /// <returns>The full paths of the extracted files.</returns>
        public static IReadOnlyList<string> Extract(string zipPath, string destinationDirectory, PackageSettings settings, CancellationToken cancellationToken)
        {
            var packageName = Path.GetFileName(zipPath);
            var final = Path.GetFullPath(destinationDirectory);
            var parent = Path.GetDirectoryName(final)!;
            Directory.CreateDirectory(parent);
            var staging = Path.Combine(parent, "." + Path.GetFileName(final) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".extracting");
            try
            {
                List<string> files;
                using (var archive = OpenArchive(zipPath, packageName))
                {
                    Inspect(archive, packageName, staging, settings);
                    try
                    {
                        files = Copy(archive, packageName, staging, settings, cancellationToken);
                    }
                    catch (InvalidDataException ex)
                    {
                        throw NotZip(packageName, ex);
                    }
                }
                if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
                Directory.Move(staging, final);
                return files.Select(f => Path.Combine(final, f.Substring(staging.Length + 1))).ToArray();
            }
            finally
            {
                if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            }
        }

        private static ZipArchive OpenArchive(string zipPath, string packageName)
        {
            try
            {
                return ZipFile.OpenRead(zipPath);
            }
            catch (InvalidDataException ex)
            {
                throw NotZip(packageName, ex);
            }
        }

        private static Operations.EscFirmwareException NotZip(string packageName, InvalidDataException ex) =>
            new Operations.EscFirmwareException("EscPackageNotZip", Operations.ErrorKind.InvalidData,
                $"The package '{packageName}' is not a readable zip archive: {ex.Message}",
                recommendedAction: "Download the package again; the file is damaged or not a zip.", innerException: ex);

        private static void Inspect(ZipArchive archive, string packageName, string root, PackageSettings settings)
        {
            if (archive.Entries.Count > settings.MaxEntries)
            {
                throw PackageErrors.Unsafe(packageName, $"it has {archive.Entries.Count:N0} entries, more than the {settings.MaxEntries:N0} a firmware package may have.");
            }
            long declared = 0;
            foreach (var entry in archive.Entries)
            {
                TargetOf(entry, packageName, root);
                var attributes = ExternalAttributes?.GetValue(entry) is int value ? value : 0;
                if (((attributes >> 16) & UnixFileTypeMask) == UnixSymbolicLink || (attributes & WindowsReparsePoint) != 0)
                {
                    throw PackageErrors.Unsafe(packageName, $"entry '{entry.FullName}' is a symbolic link.");
                }
                declared += entry.Length;
            }
            if (declared > settings.MaxExpandedBytes) throw TooLarge(packageName, settings);
        }

        private static List<string> Copy(ZipArchive archive, string packageName, string root, PackageSettings settings, CancellationToken cancellationToken)
        {
            var files = new List<string>();
            long expanded = 0;
            var buffer = new byte[128 * 1024];
            Directory.CreateDirectory(root);
            foreach (var entry in archive.Entries)
            {
                var target = TargetOf(entry, packageName, root);
                if (entry.FullName.EndsWith("/", StringComparison.Ordinal) || entry.FullName.EndsWith("\\", StringComparison.Ordinal))
                {
                    Directory.CreateDirectory(target);
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using (var input = entry.Open())
                using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
                {
                    int read;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        expanded += read;
                        if (expanded > settings.MaxExpandedBytes) throw TooLarge(packageName, settings);
                        output.Write(buffer, 0, read);
                    }
                }
                files.Add(target);
            }
            return files;
        }

        /// <summary>Where an entry goes; refuses names that are absolute, carry a drive or stream, or climb out of the root.</summary>
        private static string TargetOf(ZipArchiveEntry entry, string packageName, string root)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (name.Length == 0 || name.StartsWith("/", StringComparison.Ordinal) || name.IndexOf(':') >= 0 || name.IndexOf('\0') >= 0)
            {
                throw PackageErrors.Unsafe(packageName, $"entry '{entry.FullName}' has an absolute path, a drive letter or a forbidden character.");
            }
            var segments = name.Split('/');
            if (segments.Any(s => s == ".."))
            {
                throw PackageErrors.Unsafe(packageName, $"entry '{entry.FullName}' would be written outside the destination folder.");
            }
            var target = Path.GetFullPath(Path.Combine(root, Path.Combine(segments.Where(s => s.Length > 0 && s != ".").ToArray())));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw PackageErrors.Unsafe(packageName, $"entry '{entry.FullName}' would be written outside the destination folder.");
            }
            return target;
        }

        private static Operations.EscFirmwareException TooLarge(string packageName, PackageSettings settings) =>
            PackageErrors.Unsafe(packageName, $"it expands to more than {settings.MaxExpandedBytes:N0} bytes (a zip bomb, or not a firmware package).");
    }
}
