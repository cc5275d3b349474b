using System;
using System.Globalization;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;

namespace EscFirmware.Core.Hpm
{
    /// <summary>
    /// An HPM.1 firmware revision: major (bits 6:0, binary), minor (BCD) and up to four OEM auxiliary bytes.
    /// </summary>
    /// <remarks>
    /// How it is shown, so that it matches what the BMC, Redfish and the ASUS catalog show:
    /// <list type="bullet">
    /// <item>BMC: <c>major.minor.aux</c> with the BCD minor read as a decimal number and the first auxiliary byte in
    /// decimal. ASMB12 reports 1.32 with aux 0 as "1.32.0" and 0x01,0x37,aux 1 as "1.37.1"; ASMB11 reports minor 0x02
    /// with aux 0x25 as catalog "1.2.37". The other three auxiliary bytes carry no part of the shown version.</item>
    /// <item>BIOS: four digits, the major as two decimal digits then the BCD minor's two digits: 0x08,0x04 is "0804",
    /// the form of Redfish BiosVersion and the catalog.</item>
    /// </list>
    /// A minor byte that is not valid BCD is shown as its two hexadecimal digits, as ipmitool does.
    /// </remarks>
    public sealed class HpmRevision
    {
        public HpmRevision(byte major, byte minor, byte[] auxiliary)
        {
            Major = (byte)(major & 0x7F);
            RawMajor = major;
            Minor = minor;
            Auxiliary = auxiliary ?? Array.Empty<byte>();
        }

        /// <summary>The major number (bit 7 masked off).</summary>
        public byte Major { get; }
        public byte RawMajor { get; }
        /// <summary>The minor byte as stored (BCD).</summary>
        public byte Minor { get; }
        public byte[] Auxiliary { get; }

        /// <summary>HPM.1's "no version": major 0x7F (or 0xFF) with minor 0xFF, which includes all bytes 0xFF.</summary>
        public bool IsUnset => Major == 0x7F && Minor == 0xFF;

        public string MinorDigits =>
            (Minor >> 4) <= 9 && (Minor & 0x0F) <= 9
                ? ((Minor >> 4) * 10 + (Minor & 0x0F)).ToString("D2", CultureInfo.InvariantCulture)
                : Minor.ToString("X2", CultureInfo.InvariantCulture);

        /// <summary>The version as the BMC shows it ("1.37.1"); without auxiliary byte for a two-byte revision ("1.32").</summary>
        public string ToBmcString()
        {
            var minor = MinorDigits.TrimStart('0');
            var text = Major.ToString(CultureInfo.InvariantCulture) + "." + (minor.Length == 0 ? "0" : minor);
            return Auxiliary.Length == 0 ? text : text + "." + Auxiliary[0].ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>The version as the BIOS shows it ("0804").</summary>
        public string ToBiosString() => Major.ToString("D2", CultureInfo.InvariantCulture) + MinorDigits;

        /// <summary>The HPM.1 form for components this tool does not interpret (CPLD, MMC): "8.04", as ipmitool shows it.</summary>
        public string ToHpmString() => Major.ToString(CultureInfo.InvariantCulture) + "." + MinorDigits;

        public string ToString(FirmwareComponent? kind) =>
            kind == FirmwareComponent.Bios ? ToBiosString()
            : kind == FirmwareComponent.Cpld || kind == FirmwareComponent.Other ? ToHpmString()
            : ToBmcString();

        public override string ToString() => ToBmcString();
    }
}
