using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Hpm
{
    /// <summary>
    /// Reads and validates a PICMG HPM.1 image in one streaming pass (spec hpm-and-safety 1.1-1.10). Every structural
    /// problem is collected into <see cref="EscFirmwareImage.Problems"/>; only I/O failures throw.
    /// </summary>
    public static class HpmImageReader
    {
        public const int FixedHeaderLength = 34;
        public const int UploadRecordHeaderLength = 34;
        public const int TrailerLength = 16;
        /// <summary>At most this many distinct problems are listed; more are counted ("... and N more problems").</summary>
        public const int MaxProblemsShown = ProblemList.Capacity;
        public const int MinimumLength = FixedHeaderLength + 1 + TrailerLength;
        private const int DescriptionLength = 21;
        private static readonly byte[] Signature = Encoding.ASCII.GetBytes("PICMGFWU");

        public static EscFirmwareImage Read(string path, HpmReadOptions? options = null, CancellationToken cancellationToken = default)
        {
            var size = RegularFileSize(path);
            var image = new EscFirmwareImage { Path = System.IO.Path.GetFullPath(path), Size = size };
            var problems = new ProblemList();
            if (options?.MaxLength is long max && size > max)
            {
                problems.Add($"The file is {size:N0} bytes long, more than the {max:N0} bytes the target accepts.");
            }
            if (size == 0)
            {
                // Not opened: a pipe or a device also reports 0 bytes, and opening or reading one would not end.
                problems.Add("The file is empty (0 bytes), or it is a pipe or a device rather than a regular file: an HPM.1 image is a file of at least "
                    + MinimumLength + " bytes.");
                image.Problems = problems.ToArray();
                return image;
            }
            using (var stream = Open(path))
            using (var cursor = new HashingCursor(stream, size, path, cancellationToken))
            {
                if (cursor.Length < MinimumLength)
                {
                    problems.Add($"The file is {cursor.Length:N0} bytes long; an HPM.1 image has at least {MinimumLength} bytes (a 35-byte header and a 16-byte MD5 trailer).");
                }
                else if (!ReadStructure(cursor, image, problems))
                {
                    // Not an HPM image at all: hashing the rest (up to gigabytes of zeros) would tell nothing more.
                    image.Problems = problems.ToArray();
                    return image;
                }
                cursor.SkipToEnd();
                var md5 = cursor.Md5();
                image.Md5 = HashingCursor.Hex(md5);
                image.Sha256 = cursor.Sha256Hex();
                if (cursor.Length >= MinimumLength && !md5.SequenceEqual(cursor.Trailer))
                {
                    problems.Add($"The MD5 trailer ({HashingCursor.Hex(cursor.Trailer)}) does not match the MD5 of the file's content ({image.Md5}): the file is damaged or incomplete.");
                }
                image.Problems = problems.ToArray();
                return image;
            }
        }

        /// <summary>The file's size, or a clear refusal for a path that is not a file (a directory is not "access denied").</summary>
        private static long RegularFileSize(string path)
        {
            if (Directory.Exists(path))
            {
                throw NotAFile(path);
            }
            var info = new FileInfo(path);
            if (!info.Exists) throw NotFound(path, null);
            return info.Length;
        }

        private static EscFirmwareException NotAFile(string path) =>
            new EscFirmwareException("EscImageNotAFile", ErrorKind.InvalidArgument, $"'{path}' is a directory, not a file.",
                recommendedAction: "Name the .hpm/.HPM file itself (for example Z14PG-D32-ASUS-0804.HPM), not the folder it is in.");

        private static EscFirmwareException AccessDenied(string path, Exception denied) =>
            new EscFirmwareException("EscImageAccessDenied", ErrorKind.PermissionDenied, $"The image file '{path}' cannot be opened: access is denied.",
                recommendedAction: "Run as a user who may read the file, or copy it somewhere readable.", innerException: denied);

        private static EscFirmwareException Unreadable(string path, Exception failed) =>
            new EscFirmwareException("EscImageUnreadable", ErrorKind.ResourceUnavailable, $"The image file '{path}' cannot be read: {failed.Message}",
                recommendedAction: "Make sure no other program holds the file open exclusively, then try again.", innerException: failed);

        private static EscFirmwareException NotFound(string path, Exception? inner) =>
            new EscFirmwareException("EscImageNotFound", ErrorKind.ObjectNotFound, $"The image file '{path}' does not exist.",
                recommendedAction: Phrase.Of($"Check the path; {EscCommand.SaveFirmwarePackage} extracts the .hpm from a vendor zip."), innerException: inner);

        private static FileStream Open(string path)
        {
            try
            {
                // Buffer size 1: the cursor's own fixed buffer is the only one.
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                throw NotFound(path, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw AccessDenied(path, ex);
            }
            catch (IOException ex)
            {
                throw Unreadable(path, ex);
            }
        }

        /// <summary>Reads header and records; false when the file is not an HPM image at all (no signature).</summary>
        private static bool ReadStructure(HashingCursor cursor, EscFirmwareImage image, ProblemList problems)
        {
            var end = cursor.Length - TrailerLength;
            var header = cursor.Read(FixedHeaderLength);
            if (!header.Take(Signature.Length).SequenceEqual(Signature))
            {
                problems.Add(header.All(b => b == 0)
                    ? "The file starts with zero bytes where the HPM.1 signature 'PICMGFWU' belongs: it is not an HPM image but a zero-filled file (a preallocated or interrupted download)."
                    : $"The file does not start with the HPM.1 signature 'PICMGFWU' (found '{Printable(header, 0, 8)}'): it is not an HPM image.");
                return false;
            }
            if (header[8] != 0)
            {
                problems.Add($"The header format version is {header[8]}; only version 0 is defined.");
            }
            image.DeviceId = header[9];
            image.ManufacturerId = header[10] | header[11] << 8 | header[12] << 16;
            image.ProductId = header[13] | header[14] << 8;
            image.ComponentsMask = header[20];
            image.EarliestCompatible = new HpmRevision(header[24], header[25], new byte[0]);
            image.Revision = new HpmRevision(header[26], header[27], header.Skip(28).Take(4).ToArray());
            var oemLength = header[32] | header[33] << 8;
            if (FixedHeaderLength + oemLength + 1 > end)
            {
                problems.Add($"The header says it carries {oemLength} bytes of OEM data, more than the file holds before its MD5 trailer.");
                Describe(image);
                return true;
            }
            image.OemData = cursor.Read(oemLength);
            var checksum = cursor.Read(1)[0];
            var sum = header.Concat(image.OemData).Aggregate(checksum, (total, b) => unchecked((byte)(total + b)));
            if (sum != 0)
            {
                problems.Add($"The header checksum is wrong: the header's bytes sum to 0x{sum:X2} instead of 0 (header damaged).");
            }
            if (image.ComponentsMask == 0)
            {
                problems.Add("The header's components mask is empty: the image names no component to update.");
            }
            if (image.Revision.IsUnset)
            {
                problems.Add("The header's firmware revision is unset (0xFF): the image does not say which version it carries.");
            }
            var walkComplete = WalkRecords(cursor, image, end, problems);
            if (walkComplete)
            {
                for (var bit = 0; bit < 8; bit++)
                {
                    if ((image.ComponentsMask & (1 << bit)) != 0 && !image.Uploads.Any(u => u.ComponentsMask == 1 << bit))
                    {
                        problems.Add($"The header lists component {bit} ({HpmComponent.ForBit(bit).Name}) but no upload record carries it.");
                    }
                }
            }
            Describe(image);
            return true;
        }

        /// <summary>
        /// Walks the action records from after the header to the MD5 trailer; false when it had to stop early: at a
        /// record it cannot get past, or once the problem list is full (the rest of a damaged file would only repeat it).
        /// </summary>
        private static bool WalkRecords(HashingCursor cursor, EscFirmwareImage image, long end, ProblemList problems)
        {
            var records = new List<HpmActionRecord>();
            var uploads = new List<HpmUploadRecord>();
            image.Records = records;
            image.Uploads = uploads;
            while (cursor.Position < end)
            {
                if (problems.IsFull)
                {
                    problems.Conclude($"Validation stopped at offset {cursor.Position:N0}: the image is too damaged to read further.");
                    return false;
                }
                var offset = cursor.Position;
                var remaining = end - offset;
                if (remaining < 3)
                {
                    problems.Add($"{remaining} stray byte(s) at offset {offset} after the last action record, before the MD5 trailer.");
                    return false;
                }
                var action = cursor.Read(3);
                var type = action[0];
                var mask = action[1];
                var threeByteOk = ZeroSum(action);
                if (type > 2)
                {
                    problems.Add($"The action record at offset {offset} has the unknown action type {type} (known: 0 backup, 1 prepare, 2 upload); the rest of the image cannot be read.");
                    return false;
                }
                if (mask == 0)
                {
                    problems.Add($"The action record at offset {offset} has an empty components mask; the rest of the image cannot be read.");
                    return false;
                }
                CheckMask(offset, type, mask, image.ComponentsMask, uploads, problems);
                if (type != 2)
                {
                    if (!threeByteOk) problems.Add($"The action record at offset {offset} has a bad checksum.");
                    records.Add(new HpmActionRecord(offset, type, mask, threeByteOk ? ActionChecksumRule.ThreeByte : ActionChecksumRule.None));
                    continue;
                }
                if (remaining < UploadRecordHeaderLength)
                {
                    problems.Add($"The upload record at offset {offset} is cut off: it needs {UploadRecordHeaderLength} bytes but only {remaining} remain before the MD5 trailer.");
                    return false;
                }
                var body = cursor.Read(UploadRecordHeaderLength - 3);
                var rule = threeByteOk ? ActionChecksumRule.ThreeByte
                    : ZeroSum(action.Concat(body)) ? ActionChecksumRule.ThirtyFourByte
                    : ActionChecksumRule.None;
                if (rule == ActionChecksumRule.None)
                {
                    problems.Add($"The upload record at offset {offset} has a bad checksum (neither the 3-byte nor the 34-byte reading sums to zero).");
                }
                var version = new HpmRevision(body[0], body[1], body.Skip(2).Take(4).ToArray());
                var description = ReadDescription(body, 6, offset, problems);
                if (version.IsUnset)
                {
                    problems.Add($"The upload record at offset {offset} ('{description}') has an unset version (0xFF).");
                }
                long length = (uint)(body[27] | body[28] << 8 | body[29] << 16 | body[30] << 24);
                var dataOffset = offset + UploadRecordHeaderLength;
                var left = end - dataOffset;
                if (length > left)
                {
                    problems.Add($"The upload record at offset {offset} ('{description}') declares {length:N0} bytes of component data, but only {left:N0} bytes remain before the MD5 trailer: the file is truncated or the length is corrupt.");
                    return false;
                }
                var upload = new HpmUploadRecord(offset, mask, rule, version, description, dataOffset, length);
                records.Add(upload);
                uploads.Add(upload);
                cursor.Skip(length);
            }
            return true;
        }

        private static void CheckMask(long offset, byte type, byte mask, byte headerMask, List<HpmUploadRecord> uploads, ProblemList problems)
        {
            if ((mask & ~headerMask) != 0)
            {
                problems.Add($"The action record at offset {offset} names components (mask 0x{mask:X2}) that the header's components mask 0x{headerMask:X2} does not list.");
            }
            if (type != 2) return;
            if (!HpmMask.IsSingleBit(mask))
            {
                problems.Add($"The upload record at offset {offset} has components mask 0x{mask:X2} with more than one bit set; an upload record carries exactly one component.");
            }
            else if (uploads.Any(u => u.ComponentsMask == mask))
            {
                var bit = HpmMask.LowestBit(mask);
                problems.Add($"Component {bit} ({HpmComponent.ForBit(bit).Name}) has a second upload record at offset {offset}; each component may be uploaded once.");
            }
        }

        private static string ReadDescription(byte[] body, int start, long offset, ProblemList problems)
        {
            var text = new StringBuilder();
            var ended = false;
            var clean = true;
            for (var i = start; i < start + DescriptionLength; i++)
            {
                var b = body[i];
                if (b == 0) { ended = true; continue; }
                if (ended || b < 0x20 || b > 0x7E) clean = false;
                if (!ended) text.Append(b >= 0x20 && b <= 0x7E ? (char)b : '?');
            }
            if (!clean)
            {
                problems.Add($"The description of the upload record at offset {offset} is not printable ASCII padded with NUL bytes.");
            }
            return text.ToString();
        }

        private static void Describe(EscFirmwareImage image)
        {
            var components = Enumerable.Range(0, 8).Where(bit => (image.ComponentsMask & (1 << bit)) != 0).Select(HpmComponent.ForBit).ToArray();
            image.Components = components.Select(c => c.ToString()).ToArray();
            image.Kind = KindOf(components);
            if (image.Revision != null && !image.Revision.IsUnset) image.Version = image.Revision.ToString(image.Kind);
            if (image.EarliestCompatible != null && !image.EarliestCompatible.IsUnset) image.EarliestCompatibleRevision = image.EarliestCompatible.ToString(image.Kind);
            image.Contradictions = image.Uploads.Select(DescriptionCheck.Contradiction).Where(c => c != null).Select(c => c!).ToArray();
            if (image.Kind == FirmwareComponent.Cpld || image.Kind == FirmwareComponent.Other)
            {
                image.Note = $"A {image.Kind} image ({string.Join(", ", image.Components)}): EscFirmware flashes BMC and BIOS images only and does not flash this one; use the vendor's tool for it.";
            }
        }

        /// <summary>Bmc or Bios when the image is one or the other; Cpld/Other when it is neither; null for a mix of both or none.</summary>
        private static FirmwareComponent? KindOf(HpmComponent[] components)
        {
            if (components.Length == 0) return null;
            var bmc = components.Any(c => c.IsBmcPart);
            var bios = components.Any(c => c.IsBiosPart);
            if (bmc != bios) return bmc ? FirmwareComponent.Bmc : FirmwareComponent.Bios;
            if (bmc) return null;
            return components.All(c => c.Kind == FirmwareComponent.Cpld) ? FirmwareComponent.Cpld : FirmwareComponent.Other;
        }

        private static bool ZeroSum(IEnumerable<byte> bytes) => bytes.Aggregate((byte)0, (total, b) => unchecked((byte)(total + b))) == 0;

        private static string Printable(byte[] bytes, int start, int count) =>
            new string(bytes.Skip(start).Take(count).Select(b => b >= 0x20 && b <= 0x7E ? (char)b : '.').ToArray());
    }
}
