using System;
using System.IO;

namespace EscFirmware.Tests.Support;

/// <summary>Finds <c>../shared</c> beside the checkout (specs and DMTF mockups); null where it is absent.</summary>
public static class SharedFolder
{
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EscFirmware.sln")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(shared) ? shared : null;
            }
        }
        return null;
    }

    public static string? Mockup(string name)
    {
        var shared = Find();
        var path = shared == null ? null : Path.Combine(shared, "mockups", name);
        return path != null && Directory.Exists(path) ? path : null;
    }
}
