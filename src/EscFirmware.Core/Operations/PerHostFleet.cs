using System;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Targets;

namespace EscFirmware.Core.Operations
{
    /// <summary>The common shape of a fleet operation that writes one result per BMC: the TLS warning, a parent progress
    /// bar, the throttled run, one result object per host.</summary>
    public static class PerHostFleet
    {
        /// <summary>The fleet bar's activity id: the parent of every host's bar.</summary>
        public const int ActivityId = 1;

        public static void Run<TResult>(
            BmcFleetRequest request, string activity, Func<BmcTarget, IOperationSink, CancellationToken, Task<TResult>> perHost,
            IOperationSink sink, CancellationToken cancellationToken)
            where TResult : class
        {
            request.WarnAboutTls(sink);
            var progress = new FleetProgress(sink, ActivityId, activity, request.Targets.Count);
            FleetRunner.Run(request.Targets, request.ThrottleLimit, t => t.DisplayName,
                async (target, hostSink, token) =>
                {
                    try
                    {
                        hostSink.WriteObject(await perHost(target, hostSink, token).ConfigureAwait(false));
                    }
                    finally
                    {
                        progress.HostFinished(hostSink, target.DisplayName);
                    }
                },
                sink, cancellationToken);
            progress.Complete(sink);
        }
    }
}
