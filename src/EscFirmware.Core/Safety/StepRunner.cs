using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Safety
{
    /// <summary>How a workflow's steps ended: every path, the unexpected ones included, becomes one of three.</summary>
    public sealed class StepOutcome
    {
        private StepOutcome(bool stopped, EscFirmwareException? failure, string phase)
        {
            Stopped = stopped;
            Failure = failure;
            Phase = phase;
        }

        /// <summary>Stopped by the user (Ctrl+C, a stopped pipeline or job, -ErrorAction Stop elsewhere in the fleet).</summary>
        public bool Stopped { get; }
        public EscFirmwareException? Failure { get; }
        /// <summary>The last phase that ran.</summary>
        public string Phase { get; }
        public bool Completed => !Stopped && Failure == null;

        internal static StepOutcome Done(string phase) => new StepOutcome(false, null, phase);
        internal static StepOutcome StoppedIn(string phase) => new StepOutcome(true, null, phase);
        internal static StepOutcome FailedIn(string phase, EscFirmwareException failure) => new StepOutcome(false, failure, phase);

        internal static EscFirmwareException Loop(string host, int maxSteps, string phase) =>
            new EscFirmwareException("EscWorkflowLoop", ErrorKind.InvalidOperation, host + ": the workflow did not finish within " + maxSteps + " steps (stuck in " + phase + ").");

        internal static EscFirmwareException Unexpected(string host, Exception unexpected) =>
            new EscFirmwareException("EscUnexpectedError", ErrorKind.InvalidOperation, host + ": " + unexpected.GetType().Name + ": " + unexpected.Message, innerException: unexpected);
    }

    /// <summary>
    /// The one loop every workflow that changes a BMC runs (BMC update, BIOS update, leaving update mode): one step per
    /// phase, each returning the next, bounded in count; every exception becomes a <see cref="StepOutcome"/>. Cleanup is
    /// not here: it belongs to the <see cref="UpdateScope"/>, which the caller closes whatever the outcome.
    /// </summary>
    public sealed class StepRunner<TPhase> where TPhase : struct
    {
        private readonly string _host;
        private readonly TPhase _done;
        private readonly int _maxSteps;
        private readonly Action<TPhase>? _observer;

        public StepRunner(string host, TPhase done, int maxSteps, Action<TPhase>? observer = null)
        {
            _host = host;
            _done = done;
            _maxSteps = maxSteps;
            _observer = observer;
        }

        /// <summary>The phase running now, or the last one that ran.</summary>
        public TPhase Phase { get; private set; }

        public async Task<StepOutcome> RunAsync(TPhase start, Func<TPhase, Task<TPhase>> step, CancellationToken stop)
        {
            Phase = start;
            try
            {
                for (var count = 1; ; count++)
                {
                    if (count > _maxSteps)
                    {
                        throw StepOutcome.Loop(_host, _maxSteps, Phase.ToString()!);
                    }
                    _observer?.Invoke(Phase);
                    var next = await step(Phase).ConfigureAwait(false);
                    if (EqualityComparer<TPhase>.Default.Equals(next, _done)) return StepOutcome.Done(Phase.ToString()!);
                    Phase = next;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return StepOutcome.StoppedIn(Phase.ToString()!);
            }
            catch (EscFirmwareException failed)
            {
                return StepOutcome.FailedIn(Phase.ToString()!, failed);
            }
            catch (Exception unexpected)
            {
                return StepOutcome.FailedIn(Phase.ToString()!, StepOutcome.Unexpected(_host, unexpected));
            }
        }
    }
}
