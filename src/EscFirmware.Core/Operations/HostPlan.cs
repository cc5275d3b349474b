using System;
using System.Threading;
using System.Threading.Tasks;

namespace EscFirmware.Core.Operations
{
    /// <summary>
    /// What a read-only pre-flight found one host needs: the action to confirm, what to run once it is approved, and
    /// what to write when it is not (-WhatIf, a declined prompt, a stopped pipeline). A plan holds no session: the
    /// pre-flight released everything before the question is asked, and the execution checks again before it writes.
    /// </summary>
    public sealed class HostPlan
    {
        public HostPlan(string target, string action, Func<IOperationSink, CancellationToken, Task> execute, Action<IOperationSink> notApproved)
        {
            Target = target;
            Action = action;
            Execute = execute;
            NotApproved = notApproved;
        }

        /// <summary>The host, as ShouldProcess shows it.</summary>
        public string Target { get; }

        /// <summary>The action, as ShouldProcess shows it.</summary>
        public string Action { get; }

        public Func<IOperationSink, CancellationToken, Task> Execute { get; }

        public Action<IOperationSink> NotApproved { get; }
    }
}
