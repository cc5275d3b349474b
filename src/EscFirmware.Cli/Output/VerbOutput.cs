using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EscFirmware.Cli.Output
{
    /// <summary>
    /// What one verb prints: with --json the array of <see cref="JsonShape"/> objects; else a table of some of their
    /// properties (errors are rows too, Status Failed) and, under it, long text in full per row (remedies, messages).
    /// Both come from the same objects, so the table and the JSON never disagree.
    /// </summary>
    internal sealed class VerbOutput
    {
        public VerbOutput(JsonShape json, string[] table, string[]? underTable = null)
        {
            Json = json;
            Table = table;
            UnderTable = underTable ?? Array.Empty<string>();
        }

        public JsonShape Json { get; }
        public string[] Table { get; }
        public string[] UnderTable { get; }

        public void Write(CliContext context, CliSink sink, bool json, IEnumerable<string>? hosts = null) =>
            Write(context, sink.Objects, sink.Errors, json, hosts);

        public void Write(CliContext context, IEnumerable<object> results, IEnumerable<EscFirmware.Core.Operations.OperationError> errors, bool json, IEnumerable<string>? hosts = null)
        {
            var objects = Json.Build(results, errors, new HashSet<string>(hosts ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase));
            if (json)
            {
                context.Out.WriteLine(objects.ToJsonString(JsonShape.Options));
                return;
            }
            var rows = objects.Select(o => o!.AsObject()).ToList();
            if (rows.Count == 0) return;
            var cells = rows.Select(row => Table.Select(column => Text(row[column])).ToArray()).ToList();
            var name = Table[0];
            var notes = new List<(string Row, string Column, string Text)>();
            foreach (var row in rows)
            {
                var label = Text(row[name]);
                var texts = UnderTable.Select(column => (Row: label, Column: column, Text: Text(row[column]))).Where(note => note.Text.Length > 0).ToList();
                // A failure's problem and next step, unless a column under the table already says them.
                foreach (var (part, heading) in new[] { ("Message", "Error"), ("RecommendedAction", "Next step") })
                {
                    var text = Text(row["Error"]?[part]);
                    if (label.Length > 0 && text.StartsWith(label + ": ", StringComparison.Ordinal)) text = text.Substring(label.Length + 2);
                    if (text.Length > 0 && !texts.Any(note => note.Text.Contains(text))) texts.Add((label, heading, text));
                }
                notes.AddRange(texts);
            }
            ResultWriter.WriteTable(context, Table, cells, notes);
        }

        /// <summary>A JSON value as a table cell: dates ISO 8601, durations h:mm:ss, lists comma-separated.</summary>
        private static string Text(JsonNode? node)
        {
            switch (node)
            {
                case null: return string.Empty;
                case JsonArray array: return string.Join(", ", array.Select(Text));
                case JsonObject: return node.ToJsonString(JsonShape.Options);
            }
            var value = node.AsValue();
            if (value.GetValueKind() != JsonValueKind.String) return node.ToJsonString();
            var text = value.GetValue<string>();
            if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) return ResultWriter.When(at);
            if (text.Length >= 8 && text[2] == ':' && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var span)) return span.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
            return text;
        }
    }
}
