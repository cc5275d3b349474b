using System;
using System.IO;
using System.IO.Compression;

namespace EscFirmware.Tests.Packages;

internal static class ZipFactory
{
    public static void Write(string path, params (string Name, byte[] Bytes, int ExternalAttributes)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes, attributes) in entries)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            if (attributes != 0) entry.ExternalAttributes = attributes;
            using var stream = entry.Open();
            stream.Write(bytes);
        }
    }

    /// <summary>Rewrites every declared uncompressed size (local and central headers) to <paramref name="declared"/>.</summary>
    public static void UnderstateSizes(string path, uint declared)
    {
        var bytes = File.ReadAllBytes(path);
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            if (bytes[i] != 0x50 || bytes[i + 1] != 0x4B) continue;
            if (bytes[i + 2] == 0x03 && bytes[i + 3] == 0x04) System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), declared);
            if (bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02) System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), declared);
        }
        File.WriteAllBytes(path, bytes);
    }
}
