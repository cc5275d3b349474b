using System.Collections.Generic;
using System.Linq;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;

namespace EscFirmware.Core.Safety
{
    /// <summary>Reports what an <see cref="UpdateScope"/> could not undo — after the scope closed, never before.</summary>
    public static class CleanupReport
    {
        /// <summary>One sentence naming every undo step that failed, or null when all succeeded.</summary>
        public static string? Problems(IReadOnlyList<UndoOutcome> cleanup)
        {
            var failed = cleanup.Where(o => !o.Succeeded).ToList();
            return failed.Count == 0 ? null : "Cleanup incomplete: " + string.Join("; ", failed) + ".";
        }

        /// <summary>A failed undo step makes the result say so (and warns): a session or update mode may still be held.</summary>
        public static void AddProblems(EscFirmwareUpdateResult result, IReadOnlyList<UndoOutcome> cleanup, IOperationSink sink)
        {
            var problems = Problems(cleanup);
            if (problems == null) return;
            result.Message = (result.Message + " " + problems).Trim();
            sink.WriteWarning(result.ComputerName + ": " + problems);
        }
    }
}
