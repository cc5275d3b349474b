namespace EscFirmware.Core.Hpm
{
    /// <summary>One action record of an HPM.1 image, as found in the file.</summary>
    public class HpmActionRecord
    {
        public HpmActionRecord(long offset, byte actionType, byte componentsMask, ActionChecksumRule checksumRule)
        {
            Offset = offset;
            ActionType = actionType;
            ComponentsMask = componentsMask;
            ChecksumRule = checksumRule;
        }

        /// <summary>Where the record starts in the file.</summary>
        public long Offset { get; }
        /// <summary>0 backup, 1 prepare, 2 upload.</summary>
        public byte ActionType { get; }
        public byte ComponentsMask { get; }
        public ActionChecksumRule ChecksumRule { get; }
    }

    /// <summary>An upload-firmware-image record: the component's bytes are <see cref="DataLength"/> bytes at <see cref="DataOffset"/>.</summary>
    public sealed class HpmUploadRecord : HpmActionRecord
    {
        public HpmUploadRecord(long offset, byte componentsMask, ActionChecksumRule checksumRule, HpmRevision version, string description, long dataOffset, long dataLength)
            : base(offset, 2, componentsMask, checksumRule)
        {
            Version = version;
            Description = description;
            DataOffset = dataOffset;
            DataLength = dataLength;
        }

        public HpmRevision Version { get; }
        public string Description { get; }
        public long DataOffset { get; }
        public long DataLength { get; }

        /// <summary>The component this record uploads; null when the mask does not have exactly one bit.</summary>
        public HpmComponent? Component => HpmMask.IsSingleBit(ComponentsMask) ? HpmComponent.ForBit(HpmMask.LowestBit(ComponentsMask)) : null;
    }
}
