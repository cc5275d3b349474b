namespace EscFirmware.Core.Updates
{
    /// <summary>What an image or an update is for.</summary>
    public enum FirmwareComponent
    {
        Bmc,
        Bios,
    }
}
