using System.IO;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;

namespace EscFirmware.Cli.Commands
{
    /// <summary>
    /// HPM images the simulated BMCs accept: a BMC image one release ahead of them and the BIOS they flash to, so every
    /// update workflow can be tried by hand without vendor files. The generic DMTF and iLO personas take their own
    /// image format (<see cref="PersonaImage"/>).
    /// </summary>
    internal static class SampleImages
    {
        public const string BmcFileName = "ASMB12-1.37.1.hpm";
        public const string BiosFileName = "Z14PG-D32-ASUS-0804.HPM";

        public static (string Bmc, string Bios) Write(string folder, FakePersona persona = FakePersona.AmiEsc8000)
        {
            Directory.CreateDirectory(folder);
            if (persona == FakePersona.GenericDmtf) return WritePersona(folder, "bmc-2.15.0.bin", "2.15.0", "bios-1.9.0.bin", "1.9.0");
            if (persona == FakePersona.HpeIlo) return WritePersona(folder, "ilo6_156.bin", "1.56", "U54_2.12.signed.flash", "U54 v2.12");
            var bmc = Path.Combine(Path.GetFullPath(folder), BmcFileName);
            var bios = Path.Combine(Path.GetFullPath(folder), BiosFileName);
            HpmImageWriter.WriteFile(HpmImageSpec.Bmc("1.37.1"), bmc);
            HpmImageWriter.WriteFile(HpmImageSpec.Bios("0804"), bios);
            return (bmc, bios);
        }

        private static (string Bmc, string Bios) WritePersona(string folder, string bmcName, string bmcVersion, string biosName, string biosVersion)
        {
            var bmc = Path.Combine(Path.GetFullPath(folder), bmcName);
            var bios = Path.Combine(Path.GetFullPath(folder), biosName);
            PersonaImage.Write(bmc, "BMC", bmcVersion);
            PersonaImage.Write(bios, "BIOS", biosVersion);
            return (bmc, bios);
        }
    }
}
