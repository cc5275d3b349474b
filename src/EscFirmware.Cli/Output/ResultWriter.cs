using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EscFirmware.Core.Operations;

namespace EscFirmware.Cli.Output
{
    /// <summary>
    /// Prints what a verb produced: a JSON array with one object per host (the cmdlets' property names, plus Status and,
    /// for failures, Error), or a table with the same columns as the module's default view.
    /// </summary>
    internal static class ResultWriter
    {
        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
        {
            WriteIndented = true,
            Converters = { new JsonStringEnumConverter() },
        };

        public static void Write(CliContext context, CliSink sink, bool json, params string[] tableColumns)
        {
            if (json) WriteJson(context, sink);
            else WriteTable(context, sink.Objects, tableColumns);
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

        public static void WriteTable(CliContext context, IReadOnlyList<object> items, IReadOnlyList<string> columns)
        {
            if (items.Count == 0) return;
            var rows = items.Select(item => columns.Select(column => Format(item.GetType().GetProperty(column)?.GetValue(item))).ToArray()).ToList();
            var widths = columns.Select((column, i) => Math.Max(column.Length, rows.Max(row => row[i].Length))).ToArray();
            context.Out.WriteLine(string.Join("  ", columns.Select((column, i) => column.PadRight(widths[i]))).TrimEnd());
            context.Out.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            foreach (var row in rows)
            {
                context.Out.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            }
        }

        private static string Format(object? value)
        {
            switch (value)
            {
                case null: return string.Empty;
                case string text: return text;
                case TimeSpan span: return span.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
                case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
                case IEnumerable sequence: return string.Join(", ", sequence.Cast<object>().Select(Format));
                default: return value.ToString() ?? string.Empty;
            }
        }
    }
}
