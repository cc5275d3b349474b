using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using Spectre.Console;

namespace EscFirmware.Cli.Output
{
    /// <summary>
    /// escfw's sink: it collects result objects and errors for the final table or JSON array, shows progress in the live
    /// view when one runs, prints warnings, errors (each with its next step) and, with --verbose, verbose lines — above the
    /// live view, or to standard error — and answers ShouldProcess from the confirmation policy.
    /// </summary>
    internal sealed class CliSink : IConfirmingSink
    {
        private readonly CliContext _context;
        private readonly bool _verbose;
        private readonly Func<string, string, bool> _confirm;

        public CliSink(CliContext context, bool verbose, Func<string, string, bool>? confirm = null)
        {
            _context = context;
            _verbose = verbose;
            _confirm = confirm ?? ((_, __) => false);
            context.Stops.Attach(text => Say(text, Color.Yellow));
        }

        /// <summary>Without a live view, print each host's phase changes to standard output (the demo).</summary>
        public PlainMilestones? Milestones { get; set; }

        public List<object> Objects { get; } = new List<object>();
        public List<OperationError> Errors { get; } = new List<OperationError>();

        /// <summary>The live view while one runs (see <see cref="LiveRun"/>).</summary>
        public LiveView? Live { get; set; }

        public void WriteObject(object item) => Objects.Add(item);

        public void WriteError(OperationError error)
        {
            Errors.Add(error);
            var problem = ErrorText.Problem(error);
            Say("ERROR " + problem, Color.Red);
            if (error.RecommendedAction != null) Say("  next step: " + error.RecommendedAction, Color.Default);
        }

        public void WriteWarning(string message) => Say("WARNING: " + message, Color.Yellow);

        public void WriteVerbose(string message)
        {
            if (_verbose) Say("VERBOSE: " + message, Color.Grey);
        }

        public void WriteDebug(string message)
        {
        }

        public void WriteProgress(OperationProgress progress)
        {
            _context.Stops.Track(progress);
            if (Live != null) Live.Show(progress);
            else Milestones?.Show(progress);
        }

        public bool ShouldProcess(string target, string action) => _confirm(target, action);

        public int ExitCode => Errors.Count == 0 ? ExitCodes.Success : ExitCodes.SomeTargetFailed;

        /// <summary>A whole message: above the live view while it runs, else a line on standard error.</summary>
        public void Say(string text, Color color)
        {
            if (Live != null) Live.Print(new Text(text + "\n", new Style(color)));
            else _context.Error.WriteLine(text);
        }
    }
}
