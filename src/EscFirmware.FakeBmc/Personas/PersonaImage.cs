using System;
using System.Buffers;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.FakeBmc;

/// <summary>
/// The image format the generic DMTF and iLO personas flash: a first line <c>ESCFW-IMAGE target=BMC version=2.15.0</c>,
/// then any payload. Real services take vendor images the client never parses; the fake needs only to know which
/// component a file updates and to which version. Written by tests and <c>escfw simulate --images</c>.
/// </summary>
public static class PersonaImage
{
    public const string Magic = "ESCFW-IMAGE";
    private const int MaxHeader = 256;

    /// <summary>Writes an image of <paramref name="totalBytes"/> bytes (at least its header) for <paramref name="target"/> (BMC or BIOS).</summary>
    public static void Write(string path, string target, string version, long totalBytes = 64 * 1024)
    {
        var header = Encoding.ASCII.GetBytes($"{Magic} target={target} version={version}\n");
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        file.Write(header);
        var filler = new byte[1 << 16];
        new Random(version.GetHashCode()).NextBytes(filler);
        for (var left = Math.Max(0, totalBytes - header.Length); left > 0; left -= Math.Min(left, filler.Length))
        {
            file.Write(filler, 0, (int)Math.Min(left, filler.Length));
        }
    }

    /// <summary>Reads an image as it streams by, keeping only its header: never buffers the whole file.</summary>
    public static async Task<ReceivedImage> ReceiveAsync(Stream body, CancellationToken ct)
    {
        var received = new ReceivedImage();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(), ct)) > 0)
            {
                received.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        received.Finish();
        return received;
    }

    /// <summary>One received image: size, SHA-256, and what its header says (null target when it has none).</summary>
    public sealed class ReceivedImage
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _head = new byte[MaxHeader];
        private int _headLength;

        public long Length { get; private set; }
        public string? Sha256 { get; private set; }
        public string? Target { get; private set; }
        public string? Version { get; private set; }

        internal void Append(ReadOnlySpan<byte> chunk)
        {
            var take = Math.Min(MaxHeader - _headLength, chunk.Length);
            chunk[..take].CopyTo(_head.AsSpan(_headLength));
            _headLength += take;
            Length += chunk.Length;
            _sha.AppendData(chunk);
        }

        internal void Finish()
        {
            Sha256 = Convert.ToHexString(_sha.GetHashAndReset());
            _sha.Dispose();
            var text = Encoding.ASCII.GetString(_head, 0, _headLength);
            var end = text.IndexOf('\n');
            if (!text.StartsWith(Magic + " ", StringComparison.Ordinal) || end < 0) return;
            foreach (var field in text[..end].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (field.StartsWith("target=", StringComparison.Ordinal)) Target = field["target=".Length..];
                if (field.StartsWith("version=", StringComparison.Ordinal)) Version = field["version=".Length..];
            }
            if (Version is null) Target = null;
        }

        /// <summary>Null when the image fits <paramref name="target"/> (any target when null), else what is wrong.</summary>
        public string? Problem(string? target = null)
        {
            if (Target is null) return "the file is not a firmware image for this BMC (no image header)";
            if (Target is not ("BMC" or "BIOS")) return $"the image is for '{Target}', which this server does not have";
            if (target is not null && !string.Equals(target, Target, StringComparison.OrdinalIgnoreCase)) return $"the image is for {Target}, not {target}";
            return null;
        }
    }
}
