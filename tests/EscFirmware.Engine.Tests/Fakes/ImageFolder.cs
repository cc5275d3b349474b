using System;
using System.Collections.Generic;
using System.IO;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;

namespace EscFirmware.Engine.Tests.Fakes
{
    /// <summary>
    /// A temporary folder with the images the fakes accept (AMI HPM images, and the generic DMTF and iLO personas' images),
    /// corrupt ones of each kind, and room for journals, audit logs and downloads.
    /// </summary>
    internal sealed class ImageFolder : IDisposable
    {
        public ImageFolder()
        {
            Root = Path.Combine(Path.GetTempPath(), "escfw-engine-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
            BmcImage = Path.Combine(Root, "ASMB12-1.37.1.hpm");
            BiosImage = Path.Combine(Root, "Z14PG-D32-ASUS-0804.HPM");
            CorruptImage = Path.Combine(Root, "corrupt-md5.hpm");
            CorruptBiosImage = Path.Combine(Root, "corrupt-md5-bios.hpm");
            IloImage = Path.Combine(Root, "ilo6_156.bin");
            DmtfImage = Path.Combine(Root, "bmc-2.15.0.bin");
            ZeroFilledImage = Path.Combine(Root, "zero-filled.bin");
            HpmImageWriter.WriteFile(HpmImageSpec.Bmc("1.37.1"), BmcImage);
            HpmImageWriter.WriteFile(HpmImageSpec.Bios("0804"), BiosImage);
            HpmImageWriter.WriteFile(HpmImageSpec.Bmc("1.37.1", defect: HpmDefect.BadMd5), CorruptImage);
            HpmImageWriter.WriteFile(HpmImageSpec.Bios("0804", defect: HpmDefect.BadMd5), CorruptBiosImage);
            PersonaImage.Write(IloImage, "BMC", "1.56");
            PersonaImage.Write(DmtfImage, "BMC", "2.15.0");
            File.WriteAllBytes(ZeroFilledImage, new byte[64 * 1024]);
            Journals = Directory.CreateDirectory(Path.Combine(Root, "journal")).FullName;
            AuditLog = Path.Combine(Root, "audit.jsonl");
            Downloads = Path.Combine(Root, "downloads");
        }

        public string Root { get; }
        public string BmcImage { get; }
        public string BiosImage { get; }
        /// <summary>An HPM image whose MD5 does not match (AMI cmdlets refuse it before any write).</summary>
        public string CorruptImage { get; }
        /// <summary>A BIOS HPM image whose MD5 does not match.</summary>
        public string CorruptBiosImage { get; }
        /// <summary>An iLO 6 firmware image (persona format, signed inside: no .compsig needed).</summary>
        public string IloImage { get; }
        /// <summary>A BMC image for the generic DMTF persona.</summary>
        public string DmtfImage { get; }
        /// <summary>64 KiB of zeros: no image at all, for the cmdlets that do not parse vendor images.</summary>
        public string ZeroFilledImage { get; }
        public string Journals { get; }
        public string AuditLog { get; }
        public string Downloads { get; }

        /// <summary>The script variables naming these files: $bmcImage, $biosImage, $corrupt, $corruptBios, $iloImage, $dmtfImage, $zeroFilled, $journal, $audit, $downloads.</summary>
        public Dictionary<string, object> Variables() => new Dictionary<string, object>
        {
            ["bmcImage"] = BmcImage,
            ["biosImage"] = BiosImage,
            ["corrupt"] = CorruptImage,
            ["corruptBios"] = CorruptBiosImage,
            ["iloImage"] = IloImage,
            ["dmtfImage"] = DmtfImage,
            ["zeroFilled"] = ZeroFilledImage,
            ["journal"] = Journals,
            ["audit"] = AuditLog,
            ["downloads"] = Downloads,
        };

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a stopped run; the temp folder is cleaned by the OS.
            }
        }
    }
}
