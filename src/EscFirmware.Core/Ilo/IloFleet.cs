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
        public static void Run<TResult>(BmcFleetRequest request, IloSettings settings, string activity,
            Func<IloClient, BmcTarget, IOperationSink, CancellationToken, Task<IReadOnlyList<TResult>>> work, IOperationSink sink, CancellationToken cancellationToken)
            where TResult : class =>
            PerHostFleet.RunMany(request, activity, async (target, hostSink, token) =>
            {
                using (var connection = request.Connect(target, hostSink))
                {
                    var session = await RedfishSession.OpenAsync(connection, request.Credential, token).ConfigureAwait(false);
                    try
                    {
                        return await work(new IloClient(session, settings), target, hostSink, token).ConfigureAwait(false);
                    }
                    finally
                    {
                        await session.CloseAsync().ConfigureAwait(false);
                    }
                }
            }, sink, cancellationToken);
    }
}
