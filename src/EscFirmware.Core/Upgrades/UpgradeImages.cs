using EscFirmware.Core.Hpm;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>The images of one upgrade run, each read and validated once before any BMC is touched.</summary>
    internal sealed class UpgradeImages
    {
        public UpgradeImages(ImageCheck? bmc, BiosImagePlan? bios)
        {
            Bmc = bmc;
            Bios = bios;
        }

        public ImageCheck? Bmc { get; }
        public BiosImagePlan? Bios { get; }

        public EscFirmwareImage? BmcImage => Bmc?.Image;
        public EscFirmwareImage? BiosImage => Bios?.Image;
    }
}
