using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace EscFirmware.Engine.Tests.Fakes
{
    /// <summary>Every file under a folder with its length and last write, to show a run wrote nothing there.</summary>
    internal static class FolderSnapshot
    {
        public static IReadOnlyList<string> Of(string root) =>
            Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => Path.GetRelativePath(root, p) + (File.Exists(p) ? " " + new FileInfo(p).Length + " " + File.GetLastWriteTimeUtc(p).Ticks : "/"))
                .ToList();
    }
}
