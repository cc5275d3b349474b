using System.IO;
using EscFirmware.Core.State;
using EscFirmware.Core.Updates;

namespace EscFirmware.Core.Packages
{
    /// <summary>
    /// Where fetched packages are kept: <c>&lt;cache&gt;/&lt;model&gt;/&lt;component&gt;/&lt;version&gt;</c>, default <c>packages</c> in the
    /// state folder. A package copied in there by hand with its <c>.sha256</c> file (or whose hash the catalog publishes)
    /// is used without any network.
    /// </summary>
    public static class PackageCache
    {
        public static string Root(string? cacheFolder) => string.IsNullOrEmpty(cacheFolder) ? Path.Combine(StateFolder.Default, "packages") : cacheFolder!;

        public static string FolderFor(string? cacheFolder, string model, FirmwareComponent component, string version) =>
            Path.Combine(Root(cacheFolder), model, component.ToString(), version);
    }
}
