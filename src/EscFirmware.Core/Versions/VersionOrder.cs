namespace EscFirmware.Core.Versions
{
    /// <summary>How one version relates to another. <see cref="Unknown"/> when either side cannot be read as a version.</summary>
    public enum VersionOrder
    {
        Older,
        Same,
        Newer,
        Unknown,
    }
}
