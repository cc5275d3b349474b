using System;
using System.IO;
using System.Linq;
using Xunit;

namespace EscFirmware.Tests.Module
{
    public sealed class ModuleContentsTests
    {
        [Fact]
        public void No_PowerShell_assembly_is_shipped()
        {
            var files = Directory.GetFiles(BuiltModule.Directory, "*", SearchOption.AllDirectories).Select(Path.GetFileName);
            Assert.DoesNotContain(files, f => f!.StartsWith("System.Management.Automation", StringComparison.OrdinalIgnoreCase)
                                           || f.StartsWith("Microsoft.PowerShell", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void Core_and_its_packages_live_in_dependencies_and_only_the_module_assemblies_in_the_root()
        {
            var rootAssemblies = Directory.GetFiles(BuiltModule.Directory, "*.dll").Select(Path.GetFileName).OrderBy(f => f);
            Assert.Equal(new[] { "EscFirmware.dll", "EscFirmware.Isolation.dll" }, rootAssemblies);
            var dependencies = BuiltModule.Dependencies.Select(Path.GetFileNameWithoutExtension).ToList();
            Assert.Contains("EscFirmware.Core", dependencies);
            Assert.Contains("RestSharp", dependencies);
            Assert.Contains("Polly.Core", dependencies);
            Assert.Contains("System.Text.Json", dependencies);
        }

        [Fact]
        public void The_module_assembly_reaches_its_dependencies_only_through_EscFirmware_Core()
        {
            using (var metadata = BuiltModule.OpenMetadata())
            {
                var references = metadata.LoadFromAssemblyPath(BuiltModule.AssemblyPath).GetReferencedAssemblies().Select(r => r.Name).OrderBy(n => n);
                Assert.Equal(new[] { "EscFirmware.Core", "netstandard", "System.Management.Automation" }, references);
            }
        }

        /// <summary>
        /// PowerShell enumerates and reflects over these types before OnImport installs the isolation hooks, so none of
        /// them may mention a type that only resolves through the hooks: not in a base type or interface, a field (auto
        /// properties' backing fields included), a property, a method or constructor signature, an event or an
        /// attribute. Method bodies may: they are compiled after the import.
        /// </summary>
        [Fact]
        public void No_public_type_of_the_module_assembly_mentions_an_isolated_type_outside_method_bodies()
        {
            var isolated = BuiltModule.Dependencies.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
            using (var metadata = BuiltModule.OpenMetadata())
            {
                var exported = metadata.LoadFromAssemblyPath(BuiltModule.AssemblyPath).GetExportedTypes();
                Assert.NotEmpty(exported);
                var offences = exported.SelectMany(type => PublicSurface.Mentions(type)
                        .Where(mention => isolated.Contains(mention.Type.Assembly.GetName().Name!))
                        .Select(mention => type.FullName + ": " + mention.Where + " mentions " + mention.Type.FullName))
                    .Distinct()
                    .ToList();
                Assert.True(offences.Count == 0, "Import-Module would fail before the isolation hook runs:\n" + string.Join("\n", offences));
            }
        }
    }
}
