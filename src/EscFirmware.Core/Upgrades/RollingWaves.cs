using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>
    /// Fleet control for upgrades: the first <c>canaryCount</c> servers must all succeed before any other starts, and
    /// after <c>maxFailures</c> failed servers no new server starts (running ones finish cleanly). Servers that never
    /// start are reported through <c>notStarted</c>, so every server gets an answer.
    /// </summary>
    public sealed class RollingWaves
    {
        private readonly int _throttleLimit;
        private readonly int _canaryCount;
        private readonly int _maxFailures;
        private int _failures;
        private int _budgetReported;

        public RollingWaves(int throttleLimit, int canaryCount, int maxFailures)
        {
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit));
            if (canaryCount < 0) throw new ArgumentOutOfRangeException(nameof(canaryCount));
            if (maxFailures < 1) throw new ArgumentOutOfRangeException(nameof(maxFailures));
            _throttleLimit = throttleLimit;
            _canaryCount = canaryCount;
            _maxFailures = maxFailures;
        }

        public int Failures => _failures;

        /// <summary>Raised once when a canary fails: the servers after the canaries will not start.</summary>
        public event Action<IOperationSink, string>? CanaryStopped;

        /// <summary>Raised once when the failure budget runs out.</summary>
        public event Action<IOperationSink, int>? BudgetExhausted;

        public void Run<T>(
            IReadOnlyList<T> items,
            Func<T, string> targetOf,
            Func<T, IOperationSink, CancellationToken, Task<bool>> work,
            Action<T, IOperationSink, string> notStarted,
            IOperationSink sink,
            CancellationToken cancellationToken)
        {
            var canaries = items.Take(_canaryCount).ToList();
            var rest = items.Skip(canaries.Count).ToList();
            var canaryFailed = 0;
            if (canaries.Count > 0)
            {
                FleetRunner.Run(canaries, _throttleLimit, targetOf, async (item, host, token) =>
                {
                    if (!await RunCountedAsync(item, host, work, notStarted, token).ConfigureAwait(false)) Interlocked.Increment(ref canaryFailed);
                }, sink, cancellationToken);
            }
            if (canaryFailed > 0)
            {
                var reason = "not started: " + canaryFailed + " of the " + canaries.Count + " canary server(s) failed, so the rollout stopped.";
                CanaryStopped?.Invoke(sink, reason);
                foreach (var item in rest) notStarted(item, sink, reason);
                return;
            }
            FleetRunner.Run(rest, _throttleLimit, targetOf, (item, host, token) => RunCountedAsync(item, host, work, notStarted, token), sink, cancellationToken);
        }

        private async Task<bool> RunCountedAsync<T>(T item, IOperationSink sink, Func<T, IOperationSink, CancellationToken, Task<bool>> work, Action<T, IOperationSink, string> notStarted, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _failures) >= _maxFailures)
            {
                notStarted(item, sink, "not started: the failure budget (" + _maxFailures + " failed server(s)) is used up.");
                return false;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                notStarted(item, sink, "not started: the run was stopped.");
                return false;
            }
            var succeeded = await work(item, sink, cancellationToken).ConfigureAwait(false);
            if (!succeeded && Interlocked.Increment(ref _failures) >= _maxFailures && Interlocked.Exchange(ref _budgetReported, 1) == 0)
            {
                BudgetExhausted?.Invoke(sink, _maxFailures);
            }
            return succeeded;
        }
    }
}
