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
        public static void Run<TResult>(
            BmcFleetRequest request, string activity, Func<BmcTarget, IOperationSink, CancellationToken, Task<TResult>> perHost,
            IOperationSink sink, CancellationToken cancellationToken)
            where TResult : class
        {
            const int FleetActivityId = 1;
            request.WarnAboutTls(sink);
            var progress = new FleetProgress(sink, FleetActivityId, activity, request.Targets.Count);
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
