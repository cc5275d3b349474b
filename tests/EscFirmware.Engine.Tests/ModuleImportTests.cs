using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>The built module imported as a user would, in a session that already holds other RestSharp and Polly versions.</summary>
    public sealed class ModuleImportTests
    {
        [Fact]
        public void A_plain_import_exports_exactly_the_manifest_cmdlets_and_passes_Test_ModuleManifest()
        {
            using var session = ModuleSession.Start();
            var result = session.Run(@"
                $info = Test-ModuleManifest $manifest -ErrorAction Stop
                $module = Get-Module EscFirmware
                [pscustomobject]@{
                    ManifestVersion = $info.Version.ToString()
                    ModuleVersion = $module.Version.ToString()
                    ModuleBase = $module.ModuleBase
                    Manifest = @($info.ExportedCmdlets.Keys)
                    Commands = @(Get-Command -Module EscFirmware | ForEach-Object Name)
                    Functions = $module.ExportedFunctions.Count
                    Aliases = $module.ExportedAliases.Count
                    Formats = @($module.ExportedFormatFiles | ForEach-Object { [System.IO.Path]::GetFileName($_) })
                }", new Dictionary<string, object> { ["manifest"] = BuiltModule.ManifestPath });
            Assert.True(result.Terminating == null && result.Errors.Count == 0, result.Describe());
            var module = result.Output.Single();
            Assert.Equal(BuiltModule.Version, PSValues.Text(module, "ManifestVersion"));
            Assert.Equal(BuiltModule.Version, PSValues.Text(module, "ModuleVersion"));
            Assert.Equal(Path.TrimEndingDirectorySeparator(BuiltModule.Directory), Path.TrimEndingDirectorySeparator(PSValues.Text(module, "ModuleBase")!));
            var manifest = Strings(module, "Manifest");
            Assert.NotEmpty(manifest);
            Assert.Equal(manifest, Strings(module, "Commands"));
            Assert.Equal(0, PSValues.Property(module, "Functions"));
            Assert.Equal(0, PSValues.Property(module, "Aliases"));
            var formatsOnDisk = Directory.GetFiles(BuiltModule.Directory, "*.Format.ps1xml").Select(f => Path.GetFileName(f)).OrderBy(f => f, StringComparer.OrdinalIgnoreCase).ToList();
            Assert.Equal(formatsOnDisk, Strings(module, "Formats"));
        }

        [Fact]
        public async Task The_module_works_with_its_own_RestSharp_and_Polly_beside_other_versions_in_the_default_context()
        {
            await using var fakes = await FakeBmcs.StartAsync();
            using var session = ModuleSession.Start();
            var result = session.RunAgainst(fakes, "Get-EscFirmwareVersion @pinned -ComputerName $bmcs");
            Assert.True(result.Terminating == null && result.Errors.Count == 0, result.Describe());
            Assert.Equal(fakes.First.Options.BmcVersion, PSValues.Text(result.Output.Single(), "BmcVersion"));

            var moduleContext = AssemblyLoadContext.All.Single(c => c.Name == "EscFirmware");
            foreach (var foreign in new[] { ForeignAssemblies.RestSharp, ForeignAssemblies.PollyCore })
            {
                var name = foreign.GetName().Name!;
                Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(foreign));
                var ours = moduleContext.Assemblies.Single(a => a.GetName().Name == name);
                Assert.Equal(Path.Combine(BuiltModule.DependencyDirectory, name + ".dll"), ours.Location);
                Assert.NotEqual(FileVersionInfo.GetVersionInfo(foreign.Location).ProductVersion, FileVersionInfo.GetVersionInfo(ours.Location).ProductVersion);
                Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == name && a != foreign);
            }
            var core = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "EscFirmware.Core").ToList();
            Assert.Equal(Path.Combine(BuiltModule.DependencyDirectory, "EscFirmware.Core.dll"), Assert.Single(core).Location);
            Assert.Same(moduleContext, AssemblyLoadContext.GetLoadContext(core[0]));
        }

        /// <summary>A list property of a script's result, sorted (the engine has no Sort-Object).</summary>
        private static List<string> Strings(System.Management.Automation.PSObject item, string property) =>
            PSValues.Strings(item, property).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
