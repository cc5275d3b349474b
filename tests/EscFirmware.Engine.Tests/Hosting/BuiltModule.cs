using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>The module folder `dotnet build` stamped (out/EscFirmware/&lt;version&gt;), found from the build's own properties.</summary>
    internal static class BuiltModule
    {
        public static string RepoRoot => Metadata("EscRepoRoot");
        public static string Version => Metadata("EscModuleVersion");
        public static string Directory => Path.Combine(RepoRoot, "out", "EscFirmware", Version);
        public static string DependencyDirectory => Path.Combine(Directory, "dependencies");
        public static string ManifestPath => Path.Combine(Directory, "EscFirmware.psd1");

        public static string Metadata(string key) =>
            typeof(BuiltModule).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException("The test assembly lacks " + key);
    }
}
