using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using EscFirmware.Core.Operations;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EscFirmware.Cli.Output
{
    /// <summary>
    /// The terminal view of a running verb: one live region (a row per host with phase, percent, elapsed time and last
    /// milestone, and a summary row) redrawn in place by Spectre.Console, with milestones, warnings and errors printed
    /// above it as whole lines. Everything that reaches the terminal while it runs goes through here, under one lock
    /// (records arrive on the verb's thread, the clock and Ctrl+C on others).
    /// </summary>
    internal sealed class LiveView
    {
        private readonly IAnsiConsole _console;
        private readonly object _gate = new object();
        private readonly Dictionary<string, HostRow> _hosts = new Dictionary<string, HostRow>(StringComparer.OrdinalIgnoreCase);
        private readonly SortedDictionary<int, HostRow> _summaries = new SortedDictionary<int, HostRow>();
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private LiveDisplayContext? _live;

        public LiveView(IAnsiConsole console) => _console = console;

        /// <summary>Runs <paramref name="work"/> with the live region on screen; the region is cleared when it returns.</summary>
        public void Run(Action work)
        {
            _console.Live(new Text(string.Empty)).AutoClear(true).Overflow(VerticalOverflow.Ellipsis).Start(context =>
            {
                lock (_gate) _live = context;
                using (new Timer(_ => Refresh(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)))
                {
                    try
                    {
                        work();
                    }
                    finally
                    {
                        lock (_gate) _live = null;
                    }
                }
            });
        }

        public void Show(OperationProgress progress)
        {
            lock (_gate)
            {
                if (progress.ParentActivityId < 0) Summary(progress);
                else Host(progress);
                RefreshLocked();
            }
        }

        /// <summary>Prints a whole renderable above the live region (or plainly when none runs).</summary>
        public void Print(IRenderable renderable)
        {
            lock (_gate)
            {
                _console.Write(renderable);
                RefreshLocked();
            }
        }

        private void Refresh()
        {
            lock (_gate) RefreshLocked();
        }

        private void RefreshLocked()
        {
            if (_live == null) return;
            _live.UpdateTarget(Region());
            _live.Refresh();
        }

        private void Summary(OperationProgress progress)
        {
            if (!_summaries.TryGetValue(progress.ActivityId, out var row)) _summaries[progress.ActivityId] = row = new HostRow(progress.Activity);
            if (progress.Completed) row.Finish("Done");
            else row.Detail = progress.Status;
            if (progress.PercentComplete >= 0) row.Percent = progress.PercentComplete;
        }

        private void Host(OperationProgress progress)
        {
            // One row per host: an upgrade's BMC and BIOS steps report as separate activities of the same host.
            if (!_hosts.TryGetValue(progress.Activity, out var row) || row.Done) _hosts[progress.Activity] = row = new HostRow(progress.Activity);
            var text = WithoutPhase(progress.Status, progress.Phase);
            if (progress.Completed)
            {
                row.Finish(progress.Status);
                Milestone(row.Host, progress.Status);
                return;
            }
            if (progress.Phase != null && progress.Phase != row.Phase)
            {
                row.Phase = progress.Phase;
                row.Detail = string.Empty;
                row.LastMilestone = text;
                Milestone(row.Host, progress.Phase + ": " + text);
            }
            else
            {
                row.Detail = text;
            }
            row.Percent = progress.PercentComplete;
        }

        /// <summary>One line per milestone, cut to the terminal's width (the full text is in the results).</summary>
        private void Milestone(string host, string text)
        {
            var time = Clock(_clock.Elapsed);
            var room = _console.Profile.Width - time.Length - host.Length - 4;
            // One write: each write reflows the live region, so a line written in pieces would be cut apart by it.
            _console.Write(new Markup("[grey]" + Markup.Escape(time) + "[/]  [aqua]" + Markup.Escape(host) + "[/]  " + Markup.Escape(Fit(text, room)) + "\n"));
        }

        private IRenderable Region()
        {
            var rows = _hosts.Values.OrderBy(r => r.Done).ThenBy(r => r.Host, StringComparer.Ordinal).ToList();
            var serverWidth = Math.Min(40, Math.Max(6, rows.Select(r => r.Host.Length).DefaultIfEmpty(0).Max()));
            const int PhaseWidth = 21, PercentWidth = 4, ElapsedWidth = 7;
            // Five columns with a space of padding each side and six border columns: the milestone column takes what is left.
            var milestoneWidth = Math.Max(10, _console.Profile.Width - serverWidth - PhaseWidth - PercentWidth - ElapsedWidth - 16);
            var table = new Table().Border(TableBorder.Simple).BorderColor(Color.Grey);
            table.AddColumn(new TableColumn("Server").Width(serverWidth).NoWrap());
            table.AddColumn(new TableColumn("Phase").Width(PhaseWidth).NoWrap());
            table.AddColumn(new TableColumn("%").Width(PercentWidth).RightAligned().NoWrap());
            table.AddColumn(new TableColumn("Elapsed").Width(ElapsedWidth).RightAligned().NoWrap());
            table.AddColumn(new TableColumn("Last milestone").Width(milestoneWidth).NoWrap());
            var room = Math.Max(3, _console.Profile.Height - 8);
            foreach (var row in rows.Take(room))
            {
                var style = row.Failed ? new Style(Color.Red) : row.Done ? new Style(Color.Green) : Style.Plain;
                table.AddRow(
                    new Text(Fit(row.Host, serverWidth)),
                    new Text(Fit(row.Phase, PhaseWidth), style),
                    new Text(Percent(row.Percent)),
                    new Text(Clock(row.Elapsed)),
                    new Text(Fit(row.Detail.Length > 0 ? row.Detail : row.LastMilestone, milestoneWidth)));
            }
            if (rows.Count > room) table.AddRow(new Text(Fit("… " + (rows.Count - room) + " more", serverWidth), new Style(Color.Grey)));
            foreach (var summary in _summaries.Values)
            {
                table.AddRow(
                    new Text(Fit("All", serverWidth), new Style(decoration: Decoration.Bold)),
                    new Text(Fit(Counts(rows), PhaseWidth)),
                    new Text(Percent(summary.Percent)),
                    new Text(Clock(_clock.Elapsed)),
                    new Text(Fit(summary.Host + (summary.Detail.Length > 0 ? ": " + summary.Detail : string.Empty), milestoneWidth)));
            }
            return table;
        }

        private static string Percent(int percent) => percent >= 0 ? percent.ToString(CultureInfo.InvariantCulture) + "%" : string.Empty;

        private static string Fit(string text, int width) =>
            text.Length <= width ? text : width <= 1 ? text.Substring(0, Math.Max(0, width)) : text.Substring(0, width - 1) + "…";

        /// <summary>What the hosts on screen are doing; the fleet's own record says how many are done.</summary>
        private static string Counts(IReadOnlyCollection<HostRow> rows)
        {
            var running = rows.Count(r => !r.Done);
            var failed = rows.Count(r => r.Failed);
            return running + " running" + (failed > 0 ? ", " + failed + " failed" : string.Empty);
        }

        private static string WithoutPhase(string status, string? phase) =>
            phase != null && status.StartsWith(phase + ": ", StringComparison.Ordinal) ? status.Substring(phase.Length + 2) : status;

        private static string Clock(TimeSpan span) =>
            span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
