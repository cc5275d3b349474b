using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>
    /// Invoke-EscRedfishUpdate / <c>escfw update redfish</c>: a BMC or BIOS image on DMTF Redfish BMCs that are not AMI/ASUS
    /// (those have Invoke-EscBmcUpdate and Invoke-EscBiosUpdate), one <see cref="EscFirmwareUpdateResult"/> per BMC.
    /// </summary>
    public sealed class GenericUpdateOperation
    {
        private readonly BmcFleetRequest _request;
        private readonly GenericUpdateOptions _options;

        public GenericUpdateOperation(BmcFleetRequest request, GenericUpdateOptions options)
        {
            _request = request;
            _options = options;
        }

        /// <summary>Plan (read-only, in parallel), confirm each plan on the caller's thread, execute the approved ones in parallel.</summary>
        public void Run(IConfirmingSink sink, CancellationToken cancellationToken) =>
            PerHostFleet.RunPlanned(_request, "Updating " + (_options.Component == FirmwareComponent.Bios ? "BIOS" : "BMC firmware") + " over Redfish", PlanAsync, sink, cancellationToken);

        private async Task<Planned<EscFirmwareUpdateResult>> PlanAsync(BmcTarget target, IOperationSink sink, CancellationToken cancellationToken)
        {
            var planning = new GenericUpdateWorkflow(_request, _options, target, sink, PerHostFleet.ActivityId, planOnly: true);
            var answer = await planning.RunAsync(cancellationToken).ConfigureAwait(false);
            if (planning.PlanText == null) return Planned<EscFirmwareUpdateResult>.Answered(answer);
            return Planned<EscFirmwareUpdateResult>.Ask(planning.PlanText,
                (executeSink, token) => new GenericUpdateWorkflow(_request, _options, target, executeSink, PerHostFleet.ActivityId, planOnly: false).RunAsync(token),
                _ => planning.NotApproved(_options.WhatIf));
        }
    }
}
