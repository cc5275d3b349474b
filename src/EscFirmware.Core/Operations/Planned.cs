using System;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// What one host's read-only pre-flight returns: either its answer already (skipped, refused, failed), or an action
    /// to confirm with what to run once approved and what to answer when not (-WhatIf, a declined prompt).
    /// </summary>
    public sealed class Planned<TResult> where TResult : class
    {
        private Planned(TResult? answer, string? action, Func<IOperationSink, CancellationToken, Task<TResult>>? execute, Func<IOperationSink, TResult>? notApproved)
        {
            Answer = answer;
            Action = action;
            Execute = execute;
            NotApproved = notApproved;
        }

        public TResult? Answer { get; }
        public string? Action { get; }
        public Func<IOperationSink, CancellationToken, Task<TResult>>? Execute { get; }
        /// <summary>Runs on the caller's thread; writes what more than one result needs, returns the host's result.</summary>
        public Func<IOperationSink, TResult>? NotApproved { get; }

        public static Planned<TResult> Answered(TResult answer) => new Planned<TResult>(answer, null, null, null);

        public static Planned<TResult> Ask(string action, Func<IOperationSink, CancellationToken, Task<TResult>> execute, Func<IOperationSink, TResult> notApproved) =>
            new Planned<TResult>(null, action, execute, notApproved);
    }
}
