using System.Collections.Generic;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;

namespace EscFirmware.Core.Hpm
{
    /// <summary>
    /// A firmware image file and what its validation found (Test-EscFirmwareImage's output). An image with problems has
    /// <see cref="IsValid"/> false and every problem named in <see cref="Problems"/>; it is never flashed.
    /// </summary>
    public sealed class EscFirmwareImage
    {
        public string Path { get; set; } = string.Empty;
        /// <summary>Bmc or Bios; Cpld or Other for an image of neither (never flashed by this tool); null for none or a mix of BMC and BIOS.</summary>
        public FirmwareComponent? Kind { get; set; }
        /// <summary>As the BMC shows it: "1.37.1" for a BMC image, "0804" for a BIOS image; the HPM.1 form ("8.04") for others.</summary>
        public string? Version { get; set; }
        /// <summary>The components the image carries, e.g. "BIOS(CID 4)" or "BOOT", "APP".</summary>
        public string[] Components { get; set; } = new string[0];
        public string Sha256 { get; set; } = string.Empty;
        public string Md5 { get; set; } = string.Empty;
        public long Size { get; set; }
        public bool IsValid => Problems.Length == 0;
        public string[] Problems { get; set; } = new string[0];

        /// <summary>
        /// Upload records whose description contradicts their components mask: the image is well formed, but whether its
        /// bytes are what the mask says is in doubt, so updates refuse it unless forced.
        /// </summary>
        public string[] Contradictions { get; set; } = new string[0];

        /// <summary>What the user should know beyond validity, e.g. that this tool does not flash a CPLD image.</summary>
        public string? Note { get; set; }

        public byte? DeviceId { get; set; }
        /// <summary>IANA enterprise number of the manufacturer (ASUS is 2623).</summary>
        public int? ManufacturerId { get; set; }
        public int? ProductId { get; set; }
        /// <summary>The oldest running firmware this image may be applied over.</summary>
        public string? EarliestCompatibleRevision { get; set; }

        /// <summary>The header's firmware revision, undecorated.</summary>
        public HpmRevision? Revision { get; set; }
        public HpmRevision? EarliestCompatible { get; set; }
        public byte ComponentsMask { get; set; }
        public byte[] OemData { get; set; } = new byte[0];
        public IReadOnlyList<HpmActionRecord> Records { get; set; } = new HpmActionRecord[0];
        public IReadOnlyList<HpmUploadRecord> Uploads { get; set; } = new HpmUploadRecord[0];

        public override string ToString() => Path + " (" + Kind + " " + (Version ?? "?") + (IsValid ? ", valid)" : ", INVALID)");
    }
}
