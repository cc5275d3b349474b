namespace EscFirmware.Core.Updates
{
    /// <summary>What an image or an update is for.</summary>
    public enum FirmwareComponent
    {
        Bmc,
        Bios,

        /// <summary>A CPLD image: recognised and validated, never flashed by this tool.</summary>
        Cpld,

        /// <summary>An image of some other single component (MMC, vendor-specific): recognised, never flashed by this tool.</summary>
        Other,
    }
}
