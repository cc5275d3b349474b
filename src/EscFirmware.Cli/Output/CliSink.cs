using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;

namespace EscFirmware.Cli.Output
{
    /// <summary>
    /// escfw's sink: it collects result objects and errors for the final table or JSON array, prints warnings (and
    /// verbose lines with --verbose) to standard error, and answers ShouldProcess from the confirmation policy.
    /// </summary>
    internal sealed class CliSink : IConfirmingSink
    {
        private readonly CliContext _context;
        private readonly bool _verbose;
        private readonly Func<string, string, bool> _confirm;
        private readonly ProgressLine? _progress;

        public CliSink(CliContext context, bool verbose, Func<string, string, bool>? confirm = null, bool liveProgress = false)
        {
            _context = context;
            _verbose = verbose;
            _confirm = confirm ?? ((_, __) => false);
            _progress = liveProgress && context.IsTerminal ? new ProgressLine(context.Error) : null;
        }

        public List<object> Objects { get; } = new List<object>();
        public List<OperationError> Errors { get; } = new List<OperationError>();

        public void WriteObject(object item) => Objects.Add(item);

        public void WriteError(OperationError error)
        {
            Errors.Add(error);
            _progress?.Clear();
            _context.Error.WriteLine("ERROR " + error.Target + ": " + error.Message + (error.VendorCode != null ? " [BMC code " + error.VendorCode + "]" : string.Empty));
            if (error.RecommendedAction != null) _context.Error.WriteLine("  next step: " + error.RecommendedAction);
        }

        public void WriteWarning(string message)
        {
            _progress?.Clear();
            _context.Error.WriteLine("WARNING: " + message);
        }

        public void WriteVerbose(string message)
        {
            if (!_verbose) return;
            _progress?.Clear();
            _context.Error.WriteLine("VERBOSE: " + message);
        }

        public void WriteDebug(string message)
        {
        }

        public void WriteProgress(OperationProgress progress) => _progress?.Show(progress);

        public bool ShouldProcess(string target, string action)
        {
            _progress?.Clear();
            return _confirm(target, action);
        }

        public int ExitCode => Errors.Count == 0 ? ExitCodes.Success : ExitCodes.SomeTargetFailed;
    }
}
