using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Packages
{
    internal static class PackageErrors
    {
        public static EscFirmwareException Unsafe(string package, string why) =>
            new EscFirmwareException("EscPackageUnsafe", ErrorKind.SecurityError,
                $"The package '{package}' is refused and nothing was extracted: {why}",
                recommendedAction: "Do not use this file. Download the package again from the ASUS support site and compare its SHA-256.");
    }
}
