using System.Collections.Generic;
using EscFirmware.Core.Operations;

namespace EscFirmware.Cli.Output
{
    /// <summary>Without a live view: each host's phase changes as whole lines ("  bmc01  Flashing: writing the BIOS …").</summary>
    internal sealed class PlainMilestones
    {
        private readonly System.IO.TextWriter _writer;
        private readonly Dictionary<string, string> _phases = new Dictionary<string, string>();

        public PlainMilestones(System.IO.TextWriter writer) => _writer = writer;

        public void Show(OperationProgress progress)
        {
            if (progress.ParentActivityId < 0 || progress.Phase == null) return;
            if (_phases.TryGetValue(progress.Activity, out var last) && last == progress.Phase) return;
            _phases[progress.Activity] = progress.Phase;
            _writer.WriteLine("  " + progress.Activity + "  " + progress.Status);
        }
    }
}
