using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Hpm
{
    /// <summary>
    /// Reads a file once, front to back, through one fixed buffer: every byte is hashed as it enters the buffer (MD5
    /// over all but the last 16 bytes, SHA-256 over all), and the last 16 bytes are kept as the MD5 trailer. Memory use
    /// does not depend on the file's size.
    /// </summary>
    internal sealed class HashingCursor : IDisposable
    {
        private const int BufferSize = 256 * 1024;
        private readonly Stream _stream;
        private readonly string _path;
        private readonly CancellationToken _cancellationToken;
        private readonly byte[] _buffer = new byte[BufferSize];
        private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly long _md5End;
        private int _bufferOffset;
        private int _bufferCount;
        private long _filled;

        public HashingCursor(Stream stream, long length, string path, CancellationToken cancellationToken)
        {
            _stream = stream;
            Length = length;
            _path = path;
            _cancellationToken = cancellationToken;
            _md5End = Math.Max(0, length - 16);
        }

        public long Length { get; }

        /// <summary>How many bytes have been consumed.</summary>
        public long Position => _filled - (_bufferCount - _bufferOffset);

        public long Remaining => Length - Position;

        public byte[] Trailer { get; } = new byte[16];

        /// <summary>Reads exactly <paramref name="count"/> bytes; callers check <see cref="Remaining"/> first.</summary>
        public byte[] Read(int count)
        {
            if (count > Remaining) throw new InvalidOperationException("Read past the end of the image.");
            var result = new byte[count];
            var copied = 0;
            while (copied < count)
            {
                if (_bufferOffset == _bufferCount) Fill();
                var chunk = Math.Min(count - copied, _bufferCount - _bufferOffset);
                Buffer.BlockCopy(_buffer, _bufferOffset, result, copied, chunk);
                _bufferOffset += chunk;
                copied += chunk;
            }
            return result;
        }

        public void Skip(long count)
        {
            if (count > Remaining) throw new InvalidOperationException("Skip past the end of the image.");
            while (count > 0)
            {
                if (_bufferOffset == _bufferCount) Fill();
                var chunk = (int)Math.Min(count, _bufferCount - _bufferOffset);
                _bufferOffset += chunk;
                count -= chunk;
            }
        }

        public void SkipToEnd() => Skip(Remaining);

        public byte[] Md5() => _md5.GetHashAndReset();

        public string Sha256Hex() => Hex(_sha256.GetHashAndReset());

        public static string Hex(byte[] bytes) => BitConverter.ToString(bytes).Replace("-", string.Empty).ToLowerInvariant();

        private void Fill()
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var wanted = (int)Math.Min(_buffer.Length, Length - _filled);
            var read = 0;
            while (read < wanted)
            {
                var n = _stream.Read(_buffer, read, wanted - read);
                if (n == 0)
                {
                    throw new EscFirmwareException("EscImageChangedWhileReading", ErrorKind.ResourceUnavailable,
                        $"The file '{_path}' became shorter while it was being read.",
                        recommendedAction: "Wait until the file is completely written (download or copy finished), then try again.");
                }
                read += n;
            }
            var start = _filled;
            _sha256.AppendData(_buffer, 0, read);
            var md5Count = (int)Math.Max(0, Math.Min(read, _md5End - start));
            if (md5Count > 0) _md5.AppendData(_buffer, 0, md5Count);
            var trailerStart = Length - 16;
            if (Length >= 16 && start + read > trailerStart)
            {
                var from = Math.Max(start, trailerStart);
                Buffer.BlockCopy(_buffer, (int)(from - start), Trailer, (int)(from - trailerStart), (int)(start + read - from));
            }
            _filled += read;
            _bufferOffset = 0;
            _bufferCount = read;
        }

        public void Dispose()
        {
            _md5.Dispose();
            _sha256.Dispose();
        }
    }
}
