using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Targets;

namespace EscFirmware.Core.Operations
{
    /// <summary>The common shape of a fleet operation that writes one result per BMC: the TLS warning, a parent progress
    /// bar, the throttled run, one result object per host, written as soon as that host is done.</summary>
    public static class PerHostFleet
    {
        /// <summary>The fleet bar's activity id: the parent of every host's bar.</summary>
        public const int ActivityId = 1;

        /// <summary>A read-only operation: nothing to confirm.</summary>
        public static void Run<TResult>(
            BmcFleetRequest request, string activity, Func<BmcTarget, IOperationSink, CancellationToken, Task<TResult>> perHost,
            IOperationSink sink, CancellationToken cancellationToken)
            where TResult : class =>
            RunEach(request, activity, async (target, hostSink, token) => hostSink.WriteObject(await perHost(target, hostSink, token).ConfigureAwait(false)), sink, cancellationToken);

        /// <summary>A read-only operation with several result objects per host (an inventory), each written as its host is done.</summary>
        public static void RunMany<TResult>(
            BmcFleetRequest request, string activity, Func<BmcTarget, IOperationSink, CancellationToken, Task<IReadOnlyList<TResult>>> perHost,
            IOperationSink sink, CancellationToken cancellationToken)
            where TResult : class =>
            RunEach(request, activity, async (target, hostSink, token) =>
            {
                foreach (var item in await perHost(target, hostSink, token).ConfigureAwait(false)) hostSink.WriteObject(item);
            }, sink, cancellationToken);

        private static void RunEach(
            BmcFleetRequest request, string activity, Func<BmcTarget, IOperationSink, CancellationToken, Task> perHost,
            IOperationSink sink, CancellationToken cancellationToken)
        {
            request.WarnAboutTls(sink);
            var progress = new FleetProgress(sink, ActivityId, activity, request.Targets.Count);
            FleetRunner.Run(request.Targets, request.ThrottleLimit, t => t.DisplayName,
                async (target, hostSink, token) =>
                {
                    try
                    {
                        await perHost(target, hostSink, token).ConfigureAwait(false);
                    }
                    finally
                    {
                        progress.HostFinished(hostSink, target.DisplayName);
                    }
                },
                sink, cancellationToken);
            progress.Complete(sink);
        }

        /// <summary>An operation that changes BMCs: plan in parallel, confirm each plan on this thread, execute the approved ones in parallel.</summary>
        public static void RunPlanned<TResult>(
            BmcFleetRequest request, string activity, Func<BmcTarget, IOperationSink, CancellationToken, Task<Planned<TResult>>> plan,
            IConfirmingSink sink, CancellationToken cancellationToken)
            where TResult : class
        {
            request.WarnAboutTls(sink);
            var progress = new FleetProgress(sink, ActivityId, activity, request.Targets.Count);
            FleetRunner.RunPlanned(request.Targets, request.ThrottleLimit, t => t.DisplayName,
                async (target, hostSink, token) =>
                {
                    Planned<TResult> planned;
                    try
                    {
                        planned = await plan(target, hostSink, token).ConfigureAwait(false);
                    }
                    catch
                    {
                        progress.HostFinished(hostSink, target.DisplayName);
                        throw;
                    }
                    if (planned.Answer != null)
                    {
                        hostSink.WriteObject(planned.Answer);
                        progress.HostFinished(hostSink, target.DisplayName);
                        return null;
                    }
                    return new HostPlan(target.DisplayName, planned.Action!,
                        async (executeSink, executeToken) =>
                        {
                            try
                            {
                                executeSink.WriteObject(await planned.Execute!(executeSink, executeToken).ConfigureAwait(false));
                            }
                            finally
                            {
                                progress.HostFinished(executeSink, target.DisplayName);
                            }
                        },
                        answerSink =>
                        {
                            answerSink.WriteObject(planned.NotApproved!(answerSink));
                            progress.HostFinished(answerSink, target.DisplayName);
                        });
                },
                sink, cancellationToken);
            progress.Complete(sink);
        }
    }
}
