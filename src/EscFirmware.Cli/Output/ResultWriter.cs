using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EscFirmware.Core.Operations;
using Spectre.Console;

namespace EscFirmware.Cli.Output
{
    /// <summary>
    /// Prints what a verb produced: a JSON array with one object per host (the cmdlets' property names, plus Status and,
    /// for failures, Error), or a table with the same columns as the module's default view. On a terminal the table is
    /// sized to it and a Message wraps inside its cell; redirected, it is plain text. Long text (remedies) is printed in
    /// full under the table, per host.
    /// </summary>
    internal static class ResultWriter
    {
        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
        {
            WriteIndented = true,
            Converters = { new JsonStringEnumConverter() },
        };

        /// <summary>Columns kept on one line; every other cell wraps when the table would be wider than the terminal.</summary>
        private static readonly HashSet<string> OneLineColumns = new HashSet<string> { "ComputerName", "Status", "State", "Action", "Phase" };

        public static void Write(CliContext context, CliSink sink, bool json, params string[] tableColumns) =>
            Write(context, sink, json, tableColumns, Array.Empty<string>());

        public static void Write(CliContext context, CliSink sink, bool json, IReadOnlyList<string> tableColumns, IReadOnlyList<string> underTable)
        {
            if (json) WriteJson(context, sink);
            else WriteTable(context, sink.Objects, tableColumns, underTable);
        }

        public static JsonArray ToJson(CliSink sink)
        {
            var array = new JsonArray();
            foreach (var item in sink.Objects)
            {
                var node = JsonSerializer.SerializeToNode(item, item.GetType(), JsonOptions)!.AsObject();
                if (!node.ContainsKey("Status")) node["Status"] = "Succeeded";
                array.Add(node);
            }
            foreach (var error in sink.Errors)
            {
                array.Add(new JsonObject
                {
                    ["ComputerName"] = error.Target,
                    ["Status"] = "Failed",
                    ["Error"] = new JsonObject
                    {
                        ["Id"] = error.ErrorId,
                        ["Message"] = error.Message,
                        ["VendorCode"] = error.VendorCode,
                        ["RecommendedAction"] = error.RecommendedAction,
                    },
                });
            }
            return array;
        }

        private static void WriteJson(CliContext context, CliSink sink) =>
            context.Out.WriteLine(ToJson(sink).ToJsonString(JsonOptions));

        public static void WriteTable(CliContext context, IReadOnlyList<object> items, IReadOnlyList<string> columns) =>
            WriteTable(context, items, columns, Array.Empty<string>());

        public static void WriteTable(CliContext context, IReadOnlyList<object> items, IReadOnlyList<string> columns, IReadOnlyList<string> underTable)
        {
            if (items.Count == 0) return;
            var rows = items.Select(item => columns.Select(column => Cell(item, column)).ToArray()).ToList();
            var notes = items.SelectMany(item => underTable.Select(column => (Host: Cell(item, "ComputerName"), Column: column, Text: Cell(item, column))))
                .Where(note => note.Text.Length > 0).ToList();
            if (context.Terminal != null) WriteSpectreTable(context.Terminal, columns, rows, notes);
            else WritePlainTable(context, columns, rows, notes);
        }

        private static void WriteSpectreTable(IAnsiConsole console, IReadOnlyList<string> columns, List<string[]> rows, List<(string Host, string Column, string Text)> notes)
        {
            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in columns)
            {
                var tableColumn = new TableColumn(column);
                if (OneLineColumns.Contains(column)) tableColumn.NoWrap();
                table.AddColumn(tableColumn);
            }
            foreach (var row in rows) table.AddRow(row.Select(cell => new Text(cell)).ToArray());
            console.Write(table);
            foreach (var note in notes)
            {
                console.Write(new Text(note.Column + " for " + note.Host + ":\n", new Style(decoration: Decoration.Bold)));
                console.Write(new Padder(new Text(note.Text), new Padding(2, 0, 0, 1)));
            }
        }

        private static void WritePlainTable(CliContext context, IReadOnlyList<string> columns, List<string[]> rows, List<(string Host, string Column, string Text)> notes)
        {
            var widths = columns.Select((column, i) => Math.Max(column.Length, rows.Max(row => row[i].Length))).ToArray();
            context.Out.WriteLine(string.Join("  ", columns.Select((column, i) => column.PadRight(widths[i]))).TrimEnd());
            context.Out.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            foreach (var row in rows)
            {
                context.Out.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            }
            context.Out.WriteLine();
            foreach (var note in notes)
            {
                context.Out.WriteLine(note.Column + " for " + note.Host + ":");
                context.Out.WriteLine("  " + note.Text);
                context.Out.WriteLine();
            }
        }

        private static string Cell(object item, string column) => Format(item.GetType().GetProperty(column)?.GetValue(item));

        private static string Format(object? value)
        {
            switch (value)
            {
                case null: return string.Empty;
                case string text: return text;
                case TimeSpan span: return span.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
                case DateTimeOffset at: return When(at);
                case DateTime at: return When(new DateTimeOffset(at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at));
                case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
                case IEnumerable sequence: return string.Join(", ", sequence.Cast<object>().Select(Format));
                default: return value.ToString() ?? string.Empty;
            }
        }

        /// <summary>ISO 8601: the date alone when it carries no time of day, else date and time with the offset.</summary>
        private static string When(DateTimeOffset when) =>
            when.TimeOfDay == TimeSpan.Zero && when.Offset == TimeSpan.Zero
                ? when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : when.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
    }
}
