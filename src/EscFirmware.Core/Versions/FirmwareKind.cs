namespace EscFirmware.Core.Versions
{
    /// <summary>Which firmware a file or a catalog release is for.</summary>
    public enum FirmwareKind
    {
        /// <summary>Neither or both: an image that cannot be placed on one job.</summary>
        Unknown,
        Bmc,
        Bios,
    }
}
