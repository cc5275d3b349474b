using System;
using System.IO;
using EscFirmware.FakeBmc.SupportSite;

namespace EscFirmware.Engine.Tests.Fakes
{
    /// <summary>A temporary folder with HPM images the fake BMCs accept, a corrupt one, and room for journals and audit logs.</summary>
    internal sealed class ImageFolder : IDisposable
    {
        public ImageFolder()
        {
            Root = Path.Combine(Path.GetTempPath(), "escfw-engine-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
            BmcImage = Path.Combine(Root, "ASMB12-1.37.1.hpm");
            BiosImage = Path.Combine(Root, "Z14PG-D32-ASUS-0804.HPM");
            CorruptImage = Path.Combine(Root, "corrupt-md5.hpm");
            HpmImageWriter.WriteFile(HpmImageSpec.Bmc("1.37.1"), BmcImage);
            HpmImageWriter.WriteFile(HpmImageSpec.Bios("0804"), BiosImage);
            HpmImageWriter.WriteFile(HpmImageSpec.Bmc("1.37.1", defect: HpmDefect.BadMd5), CorruptImage);
            Journals = Directory.CreateDirectory(Path.Combine(Root, "journal")).FullName;
            AuditLog = Path.Combine(Root, "audit.jsonl");
        }

        public string Root { get; }
        public string BmcImage { get; }
        public string BiosImage { get; }
        public string CorruptImage { get; }
        public string Journals { get; }
        public string AuditLog { get; }

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
