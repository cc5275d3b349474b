using System;
using System.IO;
using System.Linq;
using System.Reflection;
using EscFirmware.Module;
using Xunit;

namespace EscFirmware.Tests.Module
{
    public sealed class ImportGuardTests
    {
        private static readonly ModuleFolder Folder = new ModuleFolder(BuiltModule.Directory);
        private static readonly Version Net8 = new Version(8, 0, 11);
        private static readonly Version NetFx = new Version(4, 0, 30319, 42000);

        private static LoadedAssembly Foreign(string name, Version version, bool strongNamed) =>
            new LoadedAssembly(name, version, strongNamed, Path.Combine(Path.GetTempPath(), "OtherModule", name + ".dll"));

        private static Version ShippedVersion(string name) =>
            AssemblyName.GetAssemblyName(Path.Combine(BuiltModule.DependencyDirectory, name + ".dll")).Version!;

        [Fact]
        public void A_complete_module_imports_on_both_editions_beside_its_own_earlier_load()
        {
            var ours = LoadedAssembly.From(AssemblyName.GetAssemblyName(Path.Combine(BuiltModule.DependencyDirectory, "EscFirmware.Core.dll")),
                Path.Combine(BuiltModule.DependencyDirectory, "EscFirmware.Core.dll"));
            Assert.Null(ImportGuard.Problem(Folder, isNetFramework: false, Net8, new[] { ours }));
            Assert.Null(ImportGuard.Problem(Folder, isNetFramework: true, NetFx, new[] { ours }));
        }

        [Fact]
        public void PowerShell_7_on_NET_6_is_told_to_use_7_4()
        {
            var problem = ImportGuard.Problem(Folder, isNetFramework: false, new Version(6, 0, 36), Array.Empty<LoadedAssembly>());
            Assert.Contains("PowerShell 7.4", problem);
        }

        [Fact]
        public void A_module_folder_without_its_loader_is_reported_as_incomplete_on_PowerShell_7_only()
        {
            var copy = Directory.CreateTempSubdirectory("escfw-module-").FullName;
            try
            {
                Directory.CreateDirectory(Path.Combine(copy, "dependencies"));
                File.Copy(Path.Combine(BuiltModule.DependencyDirectory, "EscFirmware.Core.dll"), Path.Combine(copy, "dependencies", "EscFirmware.Core.dll"));
                var folder = new ModuleFolder(copy);
                Assert.Contains("EscFirmware.Isolation.dll' is missing", ImportGuard.Problem(folder, false, Net8, Array.Empty<LoadedAssembly>()));
                Assert.Null(ImportGuard.Problem(folder, true, NetFx, Array.Empty<LoadedAssembly>()));
                File.Delete(Path.Combine(copy, "dependencies", "EscFirmware.Core.dll"));
                Assert.Contains("EscFirmware.Core.dll' is missing", ImportGuard.Problem(folder, true, NetFx, Array.Empty<LoadedAssembly>()));
            }
            finally
            {
                Directory.Delete(copy, recursive: true);
            }
        }

        [Fact]
        public void A_foreign_EscFirmware_Core_stops_the_import_on_both_editions()
        {
            var foreign = Foreign("EscFirmware.Core", ShippedVersion("EscFirmware.Core"), strongNamed: false);
            Assert.Contains(foreign.Location, ImportGuard.Problem(Folder, false, Net8, new[] { foreign }));
            Assert.Contains("new PowerShell session", ImportGuard.Problem(Folder, true, NetFx, new[] { foreign }));
        }

        [Fact]
        public void On_5_1_only_a_foreign_unsigned_copy_of_another_version_conflicts()
        {
            var shipped = ShippedVersion("RestSharp");
            var older = new Version(shipped.Major - 1, 0, 0, 0);
            Assert.Contains("RestSharp", ImportGuard.Problem(Folder, true, NetFx, new[] { Foreign("RestSharp", older, strongNamed: false) }));
            Assert.Null(ImportGuard.Problem(Folder, true, NetFx, new[] { Foreign("RestSharp", older, strongNamed: true) }));
            Assert.Null(ImportGuard.Problem(Folder, true, NetFx, new[] { Foreign("RestSharp", shipped, strongNamed: false) }));
            Assert.Null(ImportGuard.Problem(Folder, false, Net8, new[] { Foreign("RestSharp", older, strongNamed: false) }));
        }
    }
}
