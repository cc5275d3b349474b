using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>A read-only pass-through that reports how many bytes were read so far: upload progress without a copy.</summary>
    internal sealed class CountingStream : Stream
    {
        private readonly Stream _inner;
        private readonly Action<long> _onRead;
        private long _read;

        public CountingStream(Stream inner, Action<long> onRead)
        {
            _inner = inner;
            _onRead = onRead;
        }

        public override bool CanRead => true;
        public override bool CanSeek => _inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;

        public override long Position
        {
            get => _inner.Position;
            set => _inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Counted(_inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Counted(await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        /// <summary>
        /// What the HTTP stack calls to send the file part: each block read synchronously (a local file, usually in the
        /// page cache: no thread-pool hop per block) while the previous block is still being written into the TLS
        /// stream, so reading overlaps sending. Progress counts blocks once they are written.
        /// </summary>
        public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
        {
            var sending = new byte[bufferSize];
            var reading = new byte[bufferSize];
            var length = _inner.Read(sending, 0, sending.Length);
            while (length > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var write = destination.WriteAsync(sending, 0, length, cancellationToken);
                var next = _inner.Read(reading, 0, reading.Length);
                await write.ConfigureAwait(false);
                Counted(length);
                var sent = sending;
                sending = reading;
                reading = sent;
                length = next;
            }
        }

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            if (read > 0)
            {
                _read += read;
                _onRead(_read);
            }
            return read;
        }
    }
}
