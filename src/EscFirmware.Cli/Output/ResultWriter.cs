using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Spectre.Console;

namespace EscFirmware.Cli.Output
{
    /// <summary>
    /// Prints a table: on a terminal sized to it with a Spectre table (cells wrap rather than run past the edge); redirected,
    /// as plain text. Long text (remedies, messages) is printed in full under the table, per row.
    /// </summary>
    internal static class ResultWriter
    {
        /// <summary>Columns kept on one line; every other cell wraps when the table would be wider than the terminal.</summary>
        private static readonly HashSet<string> OneLineColumns = new HashSet<string> { "ComputerName", "Status", "State", "Action", "Phase" };

        public static void WriteTable(CliContext context, IReadOnlyList<string> columns, List<string[]> rows, List<(string Row, string Column, string Text)> notes)
        {
            if (context.Terminal != null) WriteSpectreTable(context.Terminal, columns, rows, notes);
            else WritePlainTable(context, columns, rows, notes);
        }

        private static void WriteSpectreTable(IAnsiConsole console, IReadOnlyList<string> columns, List<string[]> rows, List<(string Row, string Column, string Text)> notes)
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
                console.Write(new Text(Heading(note) + "\n", new Style(decoration: Decoration.Bold)));
                console.Write(new Padder(new Text(note.Text), new Padding(2, 0, 0, 1)));
            }
        }

        private static void WritePlainTable(CliContext context, IReadOnlyList<string> columns, List<string[]> rows, List<(string Row, string Column, string Text)> notes)
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
                context.Out.WriteLine(Heading(note));
                context.Out.WriteLine("  " + note.Text);
                context.Out.WriteLine();
            }
        }

        /// <summary>"Remedy for bmc01:", or "Message:" for an error about no host (a missing file).</summary>
        private static string Heading((string Row, string Column, string Text) note) =>
            note.Row.Length > 0 ? note.Column + " for " + note.Row + ":" : note.Column + ":";

        /// <summary>ISO 8601: the date alone when it carries no time of day, else date and time with the offset.</summary>
        public static string When(DateTimeOffset when) =>
            when.TimeOfDay == TimeSpan.Zero && when.Offset == TimeSpan.Zero
                ? when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : when.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
    }
}
