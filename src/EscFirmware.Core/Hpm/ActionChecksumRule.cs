namespace EscFirmware.Core.Hpm
{
    /// <summary>Which span an action record's zero-sum checksum covered (HPM.1 is ambiguous; ipmitool accepts both).</summary>
    public enum ActionChecksumRule
    {
        /// <summary>The 3-byte action header, as every known generator writes it.</summary>
        ThreeByte,
        /// <summary>The first 34 bytes of an upload record (header, version, description, length).</summary>
        ThirtyFourByte,
        /// <summary>Neither span sums to zero.</summary>
        None,
    }
}
