using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>What one script run produced, stream by stream, and the terminating error if it ended in one.</summary>
    internal sealed class ScriptResult
    {
        public ScriptResult(IReadOnlyList<PSObject> output, PSDataStreams streams, Exception? terminating, string hostText)
        {
            Output = output;
            Errors = streams.Error.ToList();
            Warnings = streams.Warning.Select(w => w.Message).ToList();
            Verbose = streams.Verbose.Select(v => v.Message).ToList();
            Progress = streams.Progress.ToList();
            Terminating = terminating;
            HostText = hostText;
        }

        public IReadOnlyList<PSObject> Output { get; }
        public IReadOnlyList<ErrorRecord> Errors { get; }
        public IReadOnlyList<string> Warnings { get; }
        public IReadOnlyList<string> Verbose { get; }
        public IReadOnlyList<ProgressRecord> Progress { get; }

        /// <summary>The exception Invoke threw (a terminating error, a stopped pipeline), or null.</summary>
        public Exception? Terminating { get; }

        /// <summary>The host text written during this run, ANSI escapes removed.</summary>
        public string HostText { get; }

        /// <summary>The error record of the terminating error, whatever exception carried it.</summary>
        public ErrorRecord? TerminatingRecord => (Terminating as IContainsErrorRecord)?.ErrorRecord;

        /// <summary>
        /// Every error record: the error stream (where a cmdlet's terminating error lands too, since it ends only its
        /// statement) and the record of an exception that ended the whole script (-ErrorAction Stop, a stop).
        /// </summary>
        public IReadOnlyList<ErrorRecord> AllErrors =>
            TerminatingRecord == null ? Errors : Errors.Append(TerminatingRecord).ToList();

        /// <summary>Output objects whose first type name is the given stable name.</summary>
        public IReadOnlyList<PSObject> OfType(string typeName) => Output.Where(o => o.TypeNames.FirstOrDefault() == typeName).ToList();

        /// <summary>A readable account for assertion messages.</summary>
        public string Describe() =>
            "terminating: " + (Terminating?.ToString() ?? "none") + "\nerrors:\n" +
            string.Join("\n", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)) + "\nwarnings:\n" + string.Join("\n", Warnings) +
            "\nverbose:\n" + string.Join("\n", Verbose) + "\nhost:\n" + HostText;
    }
}
