using System;
using System.IO;
using System.Linq;
using Xunit;

namespace EscFirmware.Tests.Module
{
    public sealed class ModuleManifestTests
    {
        [Fact]
        public void The_built_manifest_carries_the_version_from_Directory_Build_props()
        {
            Assert.Equal(BuiltModule.Version, BuiltModule.Manifest.String("ModuleVersion"));
            Assert.True(System.Version.TryParse(BuiltModule.Version, out _), "ModuleVersion must be a System.Version: " + BuiltModule.Version);
            Assert.Equal("{{ModuleVersion}}", Psd1.Load(Path.Combine(BuiltModule.RepoRoot, "EscFirmware.psd1")).String("ModuleVersion"));
        }

        [Fact]
        public void The_manifest_targets_Windows_PowerShell_5_1_and_PowerShell_7()
        {
            var manifest = BuiltModule.Manifest;
            Assert.Equal(new[] { "Desktop", "Core" }, manifest.Array("CompatiblePSEditions"));
            Assert.Equal("5.1", manifest.String("PowerShellVersion"));
            Assert.Equal("4.7.2", manifest.String("DotNetFrameworkVersion"));
            Assert.Equal("EscFirmware.dll", manifest.String("RootModule"));
            Assert.True(File.Exists(BuiltModule.AssemblyPath));
        }

        [Fact]
        public void CmdletsToExport_lists_exactly_the_cmdlet_classes_in_the_built_assembly()
        {
            var exported = BuiltModule.Manifest.Array("CmdletsToExport");
            Assert.NotNull(exported);
            Assert.DoesNotContain(exported!, name => name.Contains('*'));
            using (var metadata = BuiltModule.OpenMetadata())
            {
                Assert.Equal(BuiltModule.Cmdlets(metadata).Keys.OrderBy(n => n, StringComparer.OrdinalIgnoreCase),
                    exported!.OrderBy(n => n, StringComparer.OrdinalIgnoreCase));
            }
        }

        [Theory]
        [InlineData("FunctionsToExport")]
        [InlineData("AliasesToExport")]
        [InlineData("VariablesToExport")]
        public void Nothing_but_cmdlets_is_exported(string key)
        {
            Assert.Equal(Array.Empty<string>(), BuiltModule.Manifest.Array(key));
        }

        [Fact]
        public void Every_file_in_FormatsToProcess_is_in_the_module_folder()
        {
            var formats = BuiltModule.Manifest.Array("FormatsToProcess");
            Assert.NotEmpty(formats!);
            Assert.All(formats!, file => Assert.True(File.Exists(Path.Combine(BuiltModule.Directory, file)), file + " is missing"));
        }

        [Fact]
        public void The_manifest_is_ASCII_so_Windows_PowerShell_reads_it_without_a_BOM()
        {
            var bytes = File.ReadAllBytes(Path.Combine(BuiltModule.Directory, "EscFirmware.psd1"));
            Assert.DoesNotContain(bytes, b => b > 0x7F);
        }
    }
}
