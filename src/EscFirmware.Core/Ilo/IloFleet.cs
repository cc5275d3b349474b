using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;

namespace EscFirmware.Core.Ilo
{
    /// <summary>
    /// The shape every iLO update-service cmdlet shares: per iLO, a connection and a Redfish session (the upload needs
    /// its token), the work, and the session closed again in finally — also on errors and Ctrl+C — before results go out.
    /// </summary>
    public static class IloFleet
    {
        /// <summary>
        /// A change to the iLOs: nothing is read or written before the user approves <paramref name="action"/> for a host
        /// (on the caller's thread; -WhatIf only shows it), then <paramref name="work"/> runs for each approved host in parallel.
        /// </summary>
        public static void RunChange<TResult>(BmcFleetRequest request, IloSettings settings, string action,
            Func<IloClient, BmcTarget, IOperationSink, CancellationToken, Task<IReadOnlyList<TResult>>> work, IConfirmingSink sink, CancellationToken cancellationToken)
            where TResult : class
        {
            request.WarnAboutTls(sink);
            FleetRunner.RunPlanned(request.Targets, request.ThrottleLimit, t => t.DisplayName,
                (target, hostSink, token) => Task.FromResult<HostPlan?>(new HostPlan(target.DisplayName, action,
                    async (executeSink, executeToken) =>
                    {
                        foreach (var item in await WithSessionAsync(request, settings, target, executeSink, work, executeToken).ConfigureAwait(false)) executeSink.WriteObject(item);
                    },
                    _ => { })),
                sink, cancellationToken);
        }

        public static void Run<TResult>(BmcFleetRequest request, IloSettings settings, string activity,
            Func<IloClient, BmcTarget, IOperationSink, CancellationToken, Task<IReadOnlyList<TResult>>> work, IOperationSink sink, CancellationToken cancellationToken)
            where TResult : class =>
            PerHostFleet.RunMany(request, activity, (target, hostSink, token) => WithSessionAsync(request, settings, target, hostSink, work, token), sink, cancellationToken);

        private static async Task<IReadOnlyList<TResult>> WithSessionAsync<TResult>(BmcFleetRequest request, IloSettings settings, BmcTarget target, IOperationSink sink,
            Func<IloClient, BmcTarget, IOperationSink, CancellationToken, Task<IReadOnlyList<TResult>>> work, CancellationToken cancellationToken)
        {
            using (var connection = request.Connect(target, sink))
            {
                var session = await RedfishSession.OpenAsync(connection, request.Credential, cancellationToken).ConfigureAwait(false);
                try
                {
                    return await work(new IloClient(session, settings), target, sink, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await session.CloseAsync().ConfigureAwait(false);
                }
            }
        }
    }
}
