using System.IO;
using EscFirmware.FakeBmc.SupportSite;

namespace EscFirmware.Cli.Commands
{
    /// <summary>
    /// HPM images the simulated BMCs accept: a BMC image one release ahead of them and the BIOS they flash to, so every
    /// update workflow can be tried by hand without vendor files.
    /// </summary>
    internal static class SampleImages
    {
        public const string BmcFileName = "ASMB12-1.37.1.hpm";
        public const string BiosFileName = "Z14PG-D32-ASUS-0804.HPM";

        public static (string Bmc, string Bios) Write(string folder)
        {
            Directory.CreateDirectory(folder);
            var bmc = Path.Combine(Path.GetFullPath(folder), BmcFileName);
            var bios = Path.Combine(Path.GetFullPath(folder), BiosFileName);
            HpmImageWriter.WriteFile(HpmImageSpec.Bmc("1.37.1"), bmc);
            HpmImageWriter.WriteFile(HpmImageSpec.Bios("0804"), bios);
            return (bmc, bios);
        }
    }
}
