namespace EscFirmware.FakeBmc.SupportSite;

/// <summary>One deliberate break of one HPM.1 validation rule (or, for <see cref="ThirtyFourByteChecksum"/>, the legal
/// but unusual 34-byte checksum reading).</summary>
public enum HpmDefect
{
    None,
    BadMd5,
    BadHeaderChecksum,
    BadSignature,
    FormatVersion,
    Truncated,
    TrailingBytes,
    BadActionChecksum,
    UnknownActionType,
    MultiBitUploadMask,
    MaskOutsideHeader,
    DuplicateComponent,
    MissingComponent,
    NonPrintableDescription,
    AllFfVersion,
    OverflowingLength,
    ThirtyFourByteChecksum,
}
