using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace EscFirmware.Core.Versions
{
    /// <summary>
    /// The one version comparison EscFirmware uses: the ASUS catalog, Redfish and HPM images spell the same release
    /// differently ("1.37.1" and "1.37.1.0"; "0804" and "804"), so versions are compared as dot-separated numbers with
    /// trailing zero parts ignored. Anything that is not such a number ("0804a", "", "N/A") does not parse and compares
    /// as <see cref="VersionOrder.Unknown"/>, never as equal.
    /// </summary>
    public sealed class FirmwareVersion : IComparable<FirmwareVersion>, IEquatable<FirmwareVersion>
    {
        private readonly long[] _parts;

        private FirmwareVersion(string text, long[] parts)
        {
            Text = text;
            _parts = parts;
        }

        /// <summary>The version as it was written.</summary>
        public string Text { get; }

        public static bool TryParse(string? text, out FirmwareVersion? version)
        {
            version = null;
            var trimmed = (text ?? string.Empty).Trim();
            var digits = trimmed.StartsWith("v", StringComparison.OrdinalIgnoreCase) ? trimmed.Substring(1) : trimmed;
            if (digits.Length == 0) return false;
            var parts = new List<long>();
            foreach (var part in digits.Split('.'))
            {
                if (part.Length == 0 || part.Length > 9 || !part.All(c => c >= '0' && c <= '9')) return false;
                parts.Add(long.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture));
            }
            var significant = parts.Count;
            while (significant > 1 && parts[significant - 1] == 0) significant--;
            version = new FirmwareVersion(trimmed, parts.Take(significant).ToArray());
            return true;
        }

        /// <summary>Compares two version strings; <see cref="VersionOrder.Unknown"/> when either does not parse.</summary>
        public static VersionOrder Compare(string? version, string? other)
        {
            if (!TryParse(version, out var left) || !TryParse(other, out var right)) return VersionOrder.Unknown;
            var order = left!.CompareTo(right);
            return order < 0 ? VersionOrder.Older : order > 0 ? VersionOrder.Newer : VersionOrder.Same;
        }

        public int CompareTo(FirmwareVersion? other)
        {
            if (other is null) return 1;
            for (var i = 0; i < Math.Max(_parts.Length, other._parts.Length); i++)
            {
                var mine = i < _parts.Length ? _parts[i] : 0;
                var theirs = i < other._parts.Length ? other._parts[i] : 0;
                if (mine != theirs) return mine.CompareTo(theirs);
            }
            return 0;
        }

        public bool Equals(FirmwareVersion? other) => other is not null && CompareTo(other) == 0;

        public override bool Equals(object? obj) => obj is FirmwareVersion other && Equals(other);

        public override int GetHashCode() => _parts.Aggregate(17L, (hash, part) => hash * 31 + part).GetHashCode();

        public override string ToString() => Text;
    }
}
