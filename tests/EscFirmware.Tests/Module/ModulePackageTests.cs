using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace EscFirmware.Tests.Module
{
    /// <summary>out/EscFirmware.zip as Azure Automation imports it (docs/dependency-isolation.md, packaging).</summary>
    public sealed class ModulePackageTests
    {
        private const int MaxAutomationPathLength = 140;
        private const long MaxAutomationModuleBytes = 100L * 1024 * 1024;

        [Fact]
        public void The_zip_holds_the_module_folder_under_EscFirmware_within_Automation_limits()
        {
            Assert.InRange(new FileInfo(BuiltModule.PackagePath).Length, 1, MaxAutomationModuleBytes - 1);
            using (var zip = ZipFile.OpenRead(BuiltModule.PackagePath))
            {
                Assert.All(zip.Entries, e => Assert.StartsWith("EscFirmware/", e.FullName));
                Assert.All(zip.Entries, e => Assert.True(e.FullName.Length < MaxAutomationPathLength, e.FullName));
                Assert.InRange(zip.Entries.Sum(e => e.Length), 1, MaxAutomationModuleBytes - 1);

                var psd1 = zip.GetEntry("EscFirmware/EscFirmware.psd1");
                Assert.NotNull(psd1);
                using (var reader = new StreamReader(psd1!.Open()))
                {
                    Assert.Equal(File.ReadAllText(Path.Combine(BuiltModule.Directory, "EscFirmware.psd1")), reader.ReadToEnd());
                }
                var moduleFiles = Directory.GetFiles(BuiltModule.Directory, "*", SearchOption.AllDirectories)
                    .Select(f => "EscFirmware/" + Path.GetRelativePath(BuiltModule.Directory, f).Replace('\\', '/')).OrderBy(f => f);
                Assert.Equal(moduleFiles, zip.Entries.Select(e => e.FullName).OrderBy(f => f));
            }
        }
    }
}
