using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace EscFirmware.FakeBmc.SupportSite;

/// <summary>
/// Writes PICMG HPM.1 images (header, OEM data, a prepare record, one upload record per component, MD5 trailer),
/// streaming so that images of any size can be written, and breaks one rule on request (<see cref="HpmDefect"/>).
/// </summary>
public static class HpmImageWriter
{
    private const int FillChunk = 1024 * 1024;

    public static void WriteFile(HpmImageSpec spec, string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        Write(spec, file);
    }

    public static byte[] ToBytes(HpmImageSpec spec)
    {
        using var buffer = new MemoryStream();
        Write(spec, buffer);
        return buffer.ToArray();
    }

    public static void Write(HpmImageSpec spec, Stream output)
    {
        var parts = Parts(spec);
        var total = parts.Sum(p => p.Length) + 16;
        var limit = spec.Defect == HpmDefect.Truncated ? total - 10 : total;
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var sink = new LimitedSink(output, limit, spec.Sparse && output is FileStream);
        foreach (var part in parts)
        {
            if (part.Bytes != null)
            {
                md5.AppendData(part.Bytes);
                sink.Write(part.Bytes);
            }
            else
            {
                Fill(part, md5, sink);
            }
        }
        var trailer = md5.GetHashAndReset();
        if (spec.Defect == HpmDefect.BadMd5) trailer[0] ^= 0xFF;
        sink.Write(trailer);
        sink.Finish();
    }

    private static void Fill(Part part, IncrementalHash md5, LimitedSink sink)
    {
        var chunk = new byte[(int)Math.Min(FillChunk, Math.Max(1, part.Length))];
        if (!sink.Sparse) Array.Fill(chunk, (byte)(0xA0 + part.FillTag));
        for (var left = part.Length; left > 0;)
        {
            var n = (int)Math.Min(chunk.Length, left);
            md5.AppendData(chunk, 0, n);
            if (sink.Sparse) sink.Skip(n); else sink.Write(chunk.AsSpan(0, n));
            left -= n;
        }
    }

    private static List<Part> Parts(HpmImageSpec spec)
    {
        var defect = spec.Defect;
        var mask = (byte)spec.Components.Aggregate(0, (m, c) => m | 1 << c.Bit);
        var headerMask = defect == HpmDefect.MissingComponent ? (byte)(mask | 0x08) : mask;
        var parts = new List<Part> { Part.Of(Header(spec, headerMask)) };
        if (defect == HpmDefect.UnknownActionType) parts.Add(Part.Of(ActionHeader(7, mask)));
        parts.Add(Part.Of(ActionHeader(1, defect == HpmDefect.MaskOutsideHeader ? (byte)(mask | 0x80) : mask)));
        for (var i = 0; i < spec.Components.Count; i++)
        {
            var component = spec.Components[i];
            var recordDefect = i == 0 ? defect : HpmDefect.None;
            var copies = recordDefect == HpmDefect.DuplicateComponent ? 2 : 1;
            for (var copy = 0; copy < copies; copy++)
            {
                parts.Add(Part.Of(UploadHeader(component, recordDefect, mask)));
                parts.Add(Part.Of(component.Prefix));
                parts.Add(Part.Filler(component.Length - component.Prefix.Length, component.Bit));
            }
        }
        if (defect == HpmDefect.TrailingBytes) parts.Add(Part.Of([0, 0]));
        return parts;
    }

    private static byte[] Header(HpmImageSpec spec, byte componentsMask)
    {
        var oem = OemData(spec.ManufacturerId);
        var header = new byte[34 + oem.Length + 1];
        Encoding.ASCII.GetBytes(spec.Defect == HpmDefect.BadSignature ? "PICMGFWX" : "PICMGFWU").CopyTo(header, 0);
        header[8] = spec.Defect == HpmDefect.FormatVersion ? (byte)1 : (byte)0;
        header[9] = spec.DeviceId;
        header[10] = (byte)spec.ManufacturerId;
        header[11] = (byte)(spec.ManufacturerId >> 8);
        header[12] = (byte)(spec.ManufacturerId >> 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(13), spec.ProductId);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(15), 1735689600);
        header[19] = 0x00;
        header[20] = componentsMask;
        header[21] = 12;
        header[22] = 12;
        header[23] = 60;
        spec.EarliestCompatibleRevision.CopyTo(header, 24);
        spec.FirmwareRevision.CopyTo(header, 26);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(32), (ushort)oem.Length);
        oem.CopyTo(header, 34);
        header[^1] = ZeroSumChecksum(header.AsSpan(0, header.Length - 1));
        if (spec.Defect == HpmDefect.BadHeaderChecksum) header[^1]++;
        return header;
    }

    /// <summary>One OEM data descriptor, 16 bytes as AMI's images carry (8-byte descriptor head, 8 bytes of data).</summary>
    private static byte[] OemData(int manufacturerId)
    {
        var oem = new byte[16];
        oem[1] = 0x80;
        BinaryPrimitives.WriteUInt16LittleEndian(oem.AsSpan(2), 16);
        oem[4] = (byte)manufacturerId;
        oem[5] = (byte)(manufacturerId >> 8);
        oem[6] = (byte)(manufacturerId >> 16);
        oem[7] = ZeroSumChecksum(oem.AsSpan(0, 7));
        Encoding.ASCII.GetBytes("ESC8000\0").CopyTo(oem, 8);
        return oem;
    }

    private static byte[] ActionHeader(byte type, byte mask) => [type, mask, ZeroSumChecksum([type, mask])];

    private static byte[] UploadHeader(HpmComponentSpec component, HpmDefect defect, byte headerMask)
    {
        var record = new byte[34];
        record[0] = 2;
        record[1] = defect == HpmDefect.MultiBitUploadMask ? headerMask == 1 << component.Bit ? (byte)(headerMask | 0x01) : headerMask : (byte)(1 << component.Bit);
        var version = defect == HpmDefect.AllFfVersion ? [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] : component.Version;
        version.CopyTo(record, 3);
        var description = Encoding.ASCII.GetBytes(component.Description);
        description.CopyTo(record, 9);
        if (defect == HpmDefect.NonPrintableDescription) record[10] = 0x07;
        var declared = defect == HpmDefect.OverflowingLength ? uint.MaxValue : (uint)component.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(30), declared);
        var headerSum = SumOf(record.AsSpan(0, 2));
        var threeByte = (byte)(0 - headerSum);
        var thirtyFourByte = (byte)(0 - headerSum - SumOf(record.AsSpan(3)));
        record[2] = defect switch
        {
            HpmDefect.ThirtyFourByteChecksum => thirtyFourByte,
            HpmDefect.BadActionChecksum => (byte)(threeByte + 1) == thirtyFourByte ? (byte)(threeByte + 2) : (byte)(threeByte + 1),
            _ => threeByte,
        };
        return record;
    }

    private static byte SumOf(ReadOnlySpan<byte> bytes)
    {
        byte sum = 0;
        foreach (var b in bytes) sum += b;
        return sum;
    }

    private static byte ZeroSumChecksum(ReadOnlySpan<byte> bytes) => (byte)(0x100 - SumOf(bytes));

    private sealed record Part(byte[]? Bytes, long Length, int FillTag)
    {
        public static Part Of(byte[] bytes) => new(bytes, bytes.Length, 0);
        public static Part Filler(long length, int tag) => new(null, length, tag);
    }

    /// <summary>Writes at most <c>limit</c> bytes (so a truncated image is the real one cut short) and leaves holes when sparse.</summary>
    private sealed class LimitedSink(Stream output, long limit, bool sparse)
    {
        private long _position;

        public bool Sparse => sparse;

        public void Write(ReadOnlySpan<byte> bytes)
        {
            var n = (int)Math.Max(0, Math.Min(bytes.Length, limit - _position));
            output.Write(bytes[..n]);
            _position += bytes.Length;
        }

        public void Skip(int count)
        {
            var n = Math.Max(0, Math.Min(count, limit - _position));
            output.Seek(n, SeekOrigin.Current);
            _position += count;
        }

        public void Finish()
        {
            if (sparse) output.SetLength(Math.Min(_position, limit));
            output.Flush();
        }
    }
}
