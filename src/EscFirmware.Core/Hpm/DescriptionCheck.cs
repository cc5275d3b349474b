using System;
using EscFirmware.Core.Updates;

namespace EscFirmware.Core.Hpm
{
    /// <summary>
    /// Whether an upload record's description agrees with its components mask. The mask decides where the bytes are
    /// written; a description that names another component (or none) means the image was built wrong or mislabelled,
    /// so the bytes may not be what the mask says they are.
    /// </summary>
    internal static class DescriptionCheck
    {
        /// <summary>Null when they agree or the description names nothing this tool knows; else the contradiction.</summary>
        public static string? Contradiction(HpmUploadRecord upload)
        {
            var component = upload.Component;
            if (component == null) return null;
            var named = NamedKind(upload.Description);
            var where = $"The upload record at offset {upload.Offset} has components mask 0x{upload.ComponentsMask:X2} ({component.Name})";
            if (upload.Description.Trim().Length == 0)
            {
                return where + " but an empty description: nothing in the image confirms what the component is.";
            }
            if (named == null || named == component.Kind) return null;
            return where + $" but the description '{upload.Description}', which names a {named} component.";
        }

        private static FirmwareComponent? NamedKind(string description)
        {
            var text = description.ToUpperInvariant();
            if (Has(text, "CPLD")) return FirmwareComponent.Cpld;
            if (Has(text, "BIOS")) return FirmwareComponent.Bios;
            if (Has(text, "BOOT") || Has(text, "APP") || Has(text, "BMC")) return FirmwareComponent.Bmc;
            if (Has(text, "MMC")) return FirmwareComponent.Other;
            return null;
        }

        private static bool Has(string text, string word) => text.IndexOf(word, StringComparison.Ordinal) >= 0;
    }
}
