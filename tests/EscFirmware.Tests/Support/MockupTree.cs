using System.IO;
using EscFirmware.Tests.Hpm;

namespace EscFirmware.Tests.Support;

/// <summary>A small Redfish tree in the mockup layout (one index.json per resource) for <see cref="MockupRedfishServer"/>.</summary>
public static class MockupTree
{
    /// <summary>Writes the resource at <c>/redfish/v1/<paramref name="relative"/></c> ("" for the service root).</summary>
    public static void Write(TempDirectory tree, string relative, string json)
    {
        var folder = Path.Combine(tree.Path, relative);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "index.json"), json);
    }
}
