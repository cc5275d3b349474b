using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;

namespace EscFirmware.Core.Packages
{
    internal static class FileHash
    {
        public static string Sha256(string path, CancellationToken cancellationToken)
        {
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            {
                var buffer = new byte[128 * 1024];
                int read;
                while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    hash.AppendData(buffer, 0, read);
                }
                return Hex(hash.GetHashAndReset());
            }
        }

        public static string Hex(byte[] bytes) => BitConverter.ToString(bytes).Replace("-", string.Empty).ToLowerInvariant();

        /// <summary>Lower-case hex, colons and spaces removed; null when empty.</summary>
        public static string? Normalize(string? sha256)
        {
            if (string.IsNullOrWhiteSpace(sha256)) return null;
            return sha256!.Replace(":", string.Empty).Replace(" ", string.Empty).Trim().ToLowerInvariant();
        }
    }
}
