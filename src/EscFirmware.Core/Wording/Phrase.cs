using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace EscFirmware.Core.Wording
{
    /// <summary>
    /// A message or a next step as structured data: text with holes holding <see cref="EscParameter"/>s,
    /// <see cref="EscCommand"/> invocations, nested phrases and plain values. Rendered per front end, so the same error
    /// says <c>-ShutdownHost</c> to a cmdlet user and <c>--shutdown-host</c> to an escfw user. Build one with
    /// <c>Phrase.Of($"Run {EscCommand.GetBmcState.For(host)} again.")</c>; a plain string converts implicitly
    /// (it must not name a parameter or command: a test checks the source).
    /// </summary>
    public sealed class Phrase : IWording
    {
        private readonly IReadOnlyList<FormattableString> _parts;

        private Phrase(IReadOnlyList<FormattableString> parts) => _parts = parts;

        public static Phrase Of(FormattableString text) => new Phrase(new[] { text });

        public static implicit operator Phrase(string text) => Plain(text);

        public static Phrase Plain(string text) => Of($"{text}");

        public static Phrase operator +(Phrase first, Phrase second) => new Phrase(first._parts.Concat(second._parts).ToList());

        /// <summary>The parts joined by a space, nulls left out.</summary>
        public static Phrase Join(params Phrase?[] parts)
        {
            Phrase? joined = null;
            foreach (var part in parts)
            {
                if (part == null) continue;
                joined = joined == null ? part : joined + Plain(" ") + part;
            }
            return joined ?? Plain(string.Empty);
        }

        public string Render(FrontEnd frontEnd)
        {
            var formatter = new Formatter(frontEnd);
            var text = new StringBuilder();
            foreach (var part in _parts) text.Append(part.ToString(formatter));
            return text.ToString();
        }

        /// <summary>The words of the front end in use (<see cref="FrontEnds.Current"/>).</summary>
        public override string ToString() => Render(FrontEnds.Current);

        private sealed class Formatter : IFormatProvider, ICustomFormatter
        {
            private readonly FrontEnd _frontEnd;

            public Formatter(FrontEnd frontEnd) => _frontEnd = frontEnd;

            public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

            public string Format(string? format, object? arg, IFormatProvider? formatProvider) =>
                arg switch
                {
                    null => string.Empty,
                    IWording wording => wording.Render(_frontEnd),
                    IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
                    _ => arg.ToString() ?? string.Empty,
                };
        }
    }
}
