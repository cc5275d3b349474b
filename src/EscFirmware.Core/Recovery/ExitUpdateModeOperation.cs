using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;

namespace EscFirmware.Core.Recovery
{
    /// <summary>
    /// Exit-EscUpdateMode: gets a BMC out of HPM update mode through a web session that survived the lock (the journal's
    /// rescue session) — there is no other remote way (spec b.4). A fresh login that works proves the BMC is not locked
    /// (NotNeeded); one refused with 1348 and no surviving session means only an AC power drain helps (Impossible).
    /// An upload staged but never flashed is discarded, or with CompleteFlash flashed, verified and activated first.
    /// Plan (read-only, under the per-BMC lock), confirm on the caller's thread, execute: <see cref="UpdateModeExit"/>.
    /// </summary>
    public sealed class ExitUpdateModeOperation
    {
        private readonly BmcFleetRequest _request;
        private readonly ExitUpdateModeOptions _options;

        public ExitUpdateModeOperation(BmcFleetRequest request, ExitUpdateModeOptions options)
        {
            _request = request;
            _options = options;
        }

        public void Run(IConfirmingSink sink, CancellationToken cancellationToken) =>
            PerHostFleet.RunPlanned(_request, "Leaving firmware-update mode", PlanAsync, sink, cancellationToken);

        private async Task<Planned<EscUpdateModeExitResult>> PlanAsync(BmcTarget target, IOperationSink sink, CancellationToken cancellationToken)
        {
            var planning = new UpdateModeExit(_request, _options, target, sink, planOnly: true);
            var answer = await planning.RunAsync(cancellationToken).ConfigureAwait(false);
            if (planning.PlanText == null) return Planned<EscUpdateModeExitResult>.Answered(answer);
            return Planned<EscUpdateModeExitResult>.Ask(planning.PlanText,
                (executeSink, token) => new UpdateModeExit(_request, _options, target, executeSink, planOnly: false).RunAsync(token),
                _ => planning.NotApproved(_options.WhatIf));
        }
    }
}
