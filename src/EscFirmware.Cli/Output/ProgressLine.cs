using System.Collections.Generic;
using System.IO;
using System.Linq;
using EscFirmware.Core.Operations;

namespace EscFirmware.Cli.Output
{
    /// <summary>A live status line on a terminal: the latest status of each activity, redrawn in place.</summary>
    internal sealed class ProgressLine
    {
        private readonly TextWriter _writer;
        private readonly SortedDictionary<int, string> _activities = new SortedDictionary<int, string>();
        private int _width;

        public ProgressLine(TextWriter writer) => _writer = writer;

        public void Show(OperationProgress progress)
        {
            if (progress.Completed) _activities.Remove(progress.ActivityId);
            else _activities[progress.ActivityId] = progress.Activity + ": " + progress.Status + (progress.PercentComplete >= 0 ? " " + progress.PercentComplete + "%" : string.Empty);
            var line = string.Join(" | ", _activities.Values.Reverse().Take(4));
            if (line.Length > 160) line = line.Substring(0, 157) + "...";
            _writer.Write("\r" + line.PadRight(_width));
            _width = line.Length;
            if (_activities.Count == 0) Clear();
        }

        public void Clear()
        {
            if (_width == 0) return;
            _writer.Write("\r" + new string(' ', _width) + "\r");
            _width = 0;
        }
    }
}
