using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>
    /// A read-only window <c>[offset, offset + length)</c> over a seekable stream: the component data of an HPM image,
    /// sent straight from the file without loading it. Hashes what it hands out (a rewind restarts the hash) and
    /// reports the running count, so the result can say exactly which bytes left for the BMC.
    /// </summary>
    internal sealed class StreamSlice : Stream
    {
        private readonly Stream _inner;
        private readonly long _offset;
        private readonly long _length;
        private readonly Action<long> _sent;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _position;

        public StreamSlice(Stream inner, long offset, long length, Action<long> sent)
        {
            if (offset < 0 || length < 0 || offset + length > inner.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(length), "The slice lies outside the file.");
            }
            _inner = inner;
            _offset = offset;
            _length = length;
            _sent = sent;
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var wanted = Wanted(count);
            if (wanted == 0) return 0;
            _inner.Position = _offset + _position;
            return Advance(buffer, offset, _inner.Read(buffer, offset, wanted));
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var wanted = Wanted(count);
            if (wanted == 0) return 0;
            _inner.Position = _offset + _position;
            return Advance(buffer, offset, await _inner.ReadAsync(buffer, offset, wanted, cancellationToken).ConfigureAwait(false));
        }

        /// <summary>SHA-256 (upper-case hex) of the bytes read since the last rewind.</summary>
        public string Sha256() => BitConverter.ToString(_hash.GetHashAndReset()).Replace("-", string.Empty);

        /// <summary>Only a rewind to the start (HttpClient may rewind before sending); it restarts the hash.</summary>
        public override long Seek(long offset, SeekOrigin origin)
        {
            var target = origin == SeekOrigin.Begin ? offset : origin == SeekOrigin.Current ? _position + offset : _length + offset;
            if (target != 0) throw new NotSupportedException("Only a rewind to the start is supported.");
            _hash.GetHashAndReset();
            _position = 0;
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Wanted(int count) => (int)Math.Min(count, _length - _position);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }

        private int Advance(byte[] buffer, int offset, int read)
        {
            if (read == 0 && _position < _length) throw new EndOfStreamException("The image file ended inside the component data; it changed since it was validated.");
            _hash.AppendData(buffer, offset, read);
            _position += read;
            _sent(_position);
            return read;
        }
    }
}
