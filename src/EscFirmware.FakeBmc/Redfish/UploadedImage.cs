using System;
using System.Security.Cryptography;
using System.Text;

namespace EscFirmware.FakeBmc.Redfish;

/// <summary>
/// Looks at an uploaded file part as it streams by, keeping only the header and the last 16 bytes: byte count,
/// SHA-256, the HPM.1 signature, the MD5 trailer check and the firmware revision the BMC would run after the flash.
/// </summary>
internal sealed class UploadedImage : IDisposable
{
    private const int TrailerLength = 16;
    private const int HeaderLength = 34;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly byte[] _header = new byte[HeaderLength];
    private readonly byte[] _tail = new byte[TrailerLength];
    private int _tailLength;

    public long Length { get; private set; }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        if (Length < HeaderLength)
        {
            var take = (int)Math.Min(HeaderLength - Length, chunk.Length);
            chunk[..take].CopyTo(_header.AsSpan((int)Length));
        }
        Length += chunk.Length;
        _sha256.AppendData(chunk);
        // MD5 covers everything but the last 16 bytes: hold the latest 16 back until more arrive.
        if (chunk.Length >= TrailerLength)
        {
            _md5.AppendData(_tail.AsSpan(0, _tailLength));
            _md5.AppendData(chunk[..^TrailerLength]);
            chunk[^TrailerLength..].CopyTo(_tail);
            _tailLength = TrailerLength;
            return;
        }
        var combined = new byte[_tailLength + chunk.Length];
        _tail.AsSpan(0, _tailLength).CopyTo(combined);
        chunk.CopyTo(combined.AsSpan(_tailLength));
        var keep = Math.Min(TrailerLength, combined.Length);
        _md5.AppendData(combined.AsSpan(0, combined.Length - keep));
        combined.AsSpan(combined.Length - keep).CopyTo(_tail);
        _tailLength = keep;
    }

    public string Sha256Hex() => Convert.ToHexString(_sha256.GetHashAndReset());

    /// <summary>Null when the bytes are a whole HPM.1 image, else what is wrong with them.</summary>
    public string? Problem()
    {
        if (Length < HeaderLength + 1 + TrailerLength) return "the image is too short to be an HPM.1 image";
        if (Encoding.ASCII.GetString(_header, 0, 8) != "PICMGFWU") return "the image has no PICMGFWU signature";
        if (!_md5.GetHashAndReset().AsSpan().SequenceEqual(_tail)) return "the image's MD5 trailer does not match its content";
        return null;
    }

    /// <summary>The BMC version in the header's firmware revision: major, BCD minor, first auxiliary byte ("1.37.1").</summary>
    public string Version()
    {
        var minor = _header[27];
        var minorNumber = (minor >> 4) * 10 + (minor & 0x0F);
        return $"{_header[26] & 0x7F}.{minorNumber}.{_header[28]}";
    }

    /// <summary>
    /// Null when the header's earliest compatible revision (major, BCD minor) allows flashing over the running version,
    /// else why not: the check the BMC's HPM code makes before it writes anything.
    /// </summary>
    public string? IncompatibleWith(string runningVersion)
    {
        var major = _header[24] & 0x7F;
        var minor = (_header[25] >> 4) * 10 + (_header[25] & 0x0F);
        var parts = runningVersion.Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[0], out var runningMajor) || !int.TryParse(parts[1], out var runningMinor)) return null;
        if (runningMajor > major || (runningMajor == major && runningMinor >= minor)) return null;
        return $"the image can be applied only over firmware {major}.{minor:D2} or later (its earliest compatible revision); the BMC runs {runningVersion}";
    }

    public void Dispose()
    {
        _sha256.Dispose();
        _md5.Dispose();
    }
}
