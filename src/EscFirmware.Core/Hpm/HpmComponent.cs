using System.Globalization;
using EscFirmware.Core.Updates;

namespace EscFirmware.Core.Hpm
{
    /// <summary>
    /// What one HPM.1 component bit means to the AMI/ASUS HPM wizard (spec ami-asus-bmc-api a.3). The numbering is
    /// AMI's, not universal; images for other vendors may use the bits differently.
    /// </summary>
    public sealed class HpmComponent
    {
        private HpmComponent(int bit, string name, int? wizardComponentId, bool isBmcPart, bool isBiosPart)
        {
            Bit = bit;
            Name = name;
            WizardComponentId = wizardComponentId;
            IsBmcPart = isBmcPart;
            IsBiosPart = isBiosPart;
        }

        /// <summary>Component number 0..7 (bit position in the mask).</summary>
        public int Bit { get; }
        public byte Mask => (byte)(1 << Bit);
        public string Name { get; }
        /// <summary>The wizard's COMPONENT_ID; null for BOOT/APP, which go through the classic BMC flow.</summary>
        public int? WizardComponentId { get; }
        public bool IsBmcPart { get; }
        public bool IsBiosPart { get; }

        /// <summary>What an image of this component alone is.</summary>
        public FirmwareComponent Kind => IsBmcPart ? FirmwareComponent.Bmc : IsBiosPart ? FirmwareComponent.Bios
            : Name == "CPLD" ? FirmwareComponent.Cpld : FirmwareComponent.Other;

        public static HpmComponent ForBit(int bit)
        {
            switch (bit)
            {
                case 0: return new HpmComponent(0, "BOOT", null, true, false);
                case 1: return new HpmComponent(1, "APP", null, true, false);
                case 2: return new HpmComponent(2, "BIOS", 2, false, true);
                case 3: return new HpmComponent(3, "MMC", 1, false, false);
                // ASUS "OEM" component: the BIOS capsule on ESC8000-E12P, flashed through hpm/oemfw.
                case 4: return new HpmComponent(4, "BIOS", 4, false, true);
                case 5: return new HpmComponent(5, "CPLD", 11, false, false);
                default: return new HpmComponent(bit, "Component" + bit.ToString(CultureInfo.InvariantCulture), null, false, false);
            }
        }

        /// <summary>"BIOS(CID 4)", or just the name when the wizard has no ID for it ("APP").</summary>
        public override string ToString() =>
            WizardComponentId is int id ? Name + "(CID " + id.ToString(CultureInfo.InvariantCulture) + ")" : Name;
    }
}
