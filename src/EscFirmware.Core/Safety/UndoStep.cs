using System;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.Core.Safety
{
    /// <summary>One thing to undo on a BMC or on this machine (leave update mode, log a session out, release the lock), with its own time limit.</summary>
    public sealed class UndoStep
    {
        internal UndoStep(string name, TimeSpan limit, Func<CancellationToken, Task> undo)
        {
            Name = name;
            Limit = limit;
            Undo = undo;
        }

        /// <summary>What the step does, in the journal's words ("leave update mode").</summary>
        public string Name { get; }

        public TimeSpan Limit { get; }

        internal Func<CancellationToken, Task> Undo { get; }
    }

    /// <summary>How an undo step ended: the journal records it before anything is reported.</summary>
    public sealed class UndoOutcome
    {
        public UndoOutcome(string name, bool succeeded, string? problem)
        {
            Name = name;
            Succeeded = succeeded;
            Problem = problem;
        }

        public string Name { get; }
        public bool Succeeded { get; }
        public string? Problem { get; }

        public override string ToString() => Succeeded ? Name + ": done" : Name + ": FAILED (" + Problem + ")";
    }
}
