using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EscFirmware.Core.Hpm
{
    /// <summary>
    /// The problems validation found, bounded: a problem that differs from an earlier one only in its numbers (the
    /// same fault at another offset) is counted, not repeated, and past <see cref="Capacity"/> distinct problems the
    /// rest are counted. A damaged or zero-filled file cannot grow the list (or the error text built from it) with
    /// its size.
    /// </summary>
    internal sealed class ProblemList
    {
        public const int Capacity = 10;
        private static readonly Regex Numbers = new Regex("[0-9][0-9,]*", RegexOptions.CultureInvariant);
        private readonly List<string> _shown = new List<string>();
        private readonly Dictionary<string, int> _repeats = new Dictionary<string, int>();
        private readonly List<string> _keys = new List<string>();
        private int _notShown;
        private string? _conclusion;

        /// <summary>True once the list holds as many distinct problems as it shows: a walk should stop there.</summary>
        public bool IsFull => _shown.Count >= Capacity;

        public void Add(string problem)
        {
            var key = Numbers.Replace(problem, "#");
            if (_repeats.TryGetValue(key, out var seen))
            {
                _repeats[key] = seen + 1;
                return;
            }
            if (IsFull)
            {
                _notShown++;
                return;
            }
            _repeats[key] = 0;
            _keys.Add(key);
            _shown.Add(problem);
        }

        /// <summary>The last line whatever the bound: why validation ended early.</summary>
        public void Conclude(string conclusion) => _conclusion = conclusion;

        public string[] ToArray()
        {
            var result = new List<string>();
            for (var i = 0; i < _shown.Count; i++)
            {
                var repeats = _repeats[_keys[i]];
                result.Add(repeats == 0 ? _shown[i]
                    : _shown[i].TrimEnd('.') + " (and " + repeats.ToString("N0", CultureInfo.InvariantCulture) + " more like it).");
            }
            if (_notShown > 0) result.Add("... and " + _notShown.ToString("N0", CultureInfo.InvariantCulture) + " more problems.");
            if (_conclusion != null) result.Add(_conclusion);
            return result.ToArray();
        }
    }
}
