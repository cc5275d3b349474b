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
    /// start are reported through <c>notStarted</c>, so every server gets an answer. Each wave plans, confirms and
    /// executes through <see cref="FleetRunner.RunPlanned{T}"/>; the items write their own records.
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

        public void Run<T, TResult>(
            IReadOnlyList<T> items,
            Func<T, string> targetOf,
            Func<T, IOperationSink, CancellationToken, Task<Planned<TResult>>> plan,
            Func<TResult, bool> succeeded,
            Action<T, IOperationSink, string> notStarted,
            IConfirmingSink sink,
            CancellationToken cancellationToken)
            where TResult : class
        {
            var canaries = items.Take(_canaryCount).ToList();
            var rest = items.Skip(canaries.Count).ToList();
            var failuresBefore = 0;
            if (canaries.Count > 0)
            {
                RunWave(canaries, targetOf, plan, succeeded, notStarted, sink, cancellationToken);
                failuresBefore = Volatile.Read(ref _failures);
            }
            if (failuresBefore > 0)
            {
                var reason = "not started: " + failuresBefore + " of the " + canaries.Count + " canary server(s) failed, so the rollout stopped.";
                CanaryStopped?.Invoke(sink, reason);
                foreach (var item in rest) notStarted(item, sink, reason);
                return;
            }
            RunWave(rest, targetOf, plan, succeeded, notStarted, sink, cancellationToken);
        }

        private void RunWave<T, TResult>(
            IReadOnlyList<T> wave, Func<T, string> targetOf, Func<T, IOperationSink, CancellationToken, Task<Planned<TResult>>> plan,
            Func<TResult, bool> succeeded, Action<T, IOperationSink, string> notStarted, IConfirmingSink sink, CancellationToken cancellationToken)
            where TResult : class
        {
            FleetRunner.RunPlanned(wave, _throttleLimit, targetOf, async (item, host, token) =>
            {
                if (!MayStart(item, host, notStarted, token)) return null;
                var planned = await plan(item, host, token).ConfigureAwait(false);
                if (planned.Answer != null)
                {
                    Count(succeeded(planned.Answer), host);
                    return null;
                }
                return new HostPlan(targetOf(item), planned.Action!,
                    async (executeSink, executeToken) =>
                    {
                        if (!MayStart(item, executeSink, notStarted, executeToken)) return;
                        Count(succeeded(await planned.Execute!(executeSink, executeToken).ConfigureAwait(false)), executeSink);
                    },
                    answerSink => planned.NotApproved!(answerSink));
            }, sink, cancellationToken);
        }

        private bool MayStart<T>(T item, IOperationSink sink, Action<T, IOperationSink, string> notStarted, CancellationToken cancellationToken)
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
            return true;
        }

        private void Count(bool succeeded, IOperationSink sink)
        {
            if (!succeeded && Interlocked.Increment(ref _failures) >= _maxFailures && Interlocked.Exchange(ref _budgetReported, 1) == 0)
            {
                BudgetExhausted?.Invoke(sink, _maxFailures);
            }
        }
    }
}
