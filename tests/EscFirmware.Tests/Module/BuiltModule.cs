using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace EscFirmware.Tests.Module
{
    /// <summary>The module as `dotnet build` leaves it in out/EscFirmware/&lt;version&gt;, and ways to read it without PowerShell.</summary>
    internal static class BuiltModule
    {
        public static string RepoRoot => Metadata("EscRepoRoot");
        public static string Version => Metadata("EscModuleVersion");
        public static string Directory => Path.Combine(RepoRoot, "out", "EscFirmware", Version);
        public static string DependencyDirectory => Path.Combine(Directory, "dependencies");
        public static string AssemblyPath => Path.Combine(Directory, "EscFirmware.dll");
        public static string IsolationAssemblyPath => Path.Combine(Directory, "EscFirmware.Isolation.dll");
        public static string PackagePath => Path.Combine(RepoRoot, "out", "EscFirmware.zip");
        public static Psd1 Manifest => Psd1.Load(Path.Combine(Directory, "EscFirmware.psd1"));

        public static string PowerShellReferenceAssembly =>
            Path.Combine(Metadata("PowerShellStandardLibrary"), "lib", "netstandard2.0", "System.Management.Automation.dll");

        public static IEnumerable<string> Dependencies => System.IO.Directory.GetFiles(DependencyDirectory, "*.dll");

        /// <summary>A metadata-only view of the module's assemblies, PowerShell's reference assembly and the runtime.</summary>
        public static MetadataLoadContext OpenMetadata()
        {
            var paths = new List<string> { AssemblyPath, PowerShellReferenceAssembly };
            paths.AddRange(Dependencies);
            var shipped = new HashSet<string>(paths.Select(Path.GetFileName)!, StringComparer.OrdinalIgnoreCase);
            paths.AddRange(System.IO.Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
                .Where(p => !shipped.Contains(Path.GetFileName(p))));
            return new MetadataLoadContext(new PathAssemblyResolver(paths));
        }

        /// <summary>The [Cmdlet] classes in the built module assembly, as Verb-Noun with their types.</summary>
        public static IReadOnlyDictionary<string, Type> Cmdlets(MetadataLoadContext metadata)
        {
            var module = metadata.LoadFromAssemblyPath(AssemblyPath);
            var cmdlets = new SortedDictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
            foreach (var type in module.GetExportedTypes())
            {
                var attribute = type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");
                if (attribute == null) continue;
                cmdlets.Add(attribute.ConstructorArguments[0].Value + "-" + attribute.ConstructorArguments[1].Value, type);
            }
            return cmdlets;
        }

        private static string Metadata(string key) =>
            typeof(BuiltModule).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException("The test assembly lacks " + key);
    }
}
