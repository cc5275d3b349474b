using System.Globalization;

namespace EscFirmware.Core.Operations
{
    /// <summary>A byte count for people: "512 KiB", "31.8 MiB" (binary units; small images do not read "0 of 0 MiB").</summary>
    public static class ByteSize
    {
        public static string Text(long bytes)
        {
            if (bytes < 1024) return bytes.ToString(CultureInfo.InvariantCulture) + " B";
            if (bytes < 1024 * 1024) return (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB";
            if (bytes < 1024L * 1024 * 1024) return (bytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture) + " MiB";
            return (bytes / 1073741824.0).ToString("0.##", CultureInfo.InvariantCulture) + " GiB";
        }
    }
}
