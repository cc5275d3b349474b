using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;

namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>
    /// Invoke-EscBiosUpdate: flashes one BIOS image to every BMC through the HPM wizard, hosts in parallel (throttled),
    /// one <see cref="EscFirmwareUpdateResult"/> per host. The image is read and validated once, before any BMC is touched;
    /// then plan (read-only, in parallel), confirm (on the caller's thread), execute (the approved ones, in parallel).
    /// </summary>
    public sealed class BiosUpdateOperation
    {
        private readonly BmcFleetRequest _request;
        private readonly BiosUpdateOptions _options;

        public BiosUpdateOperation(BmcFleetRequest request, BiosUpdateOptions options)
        {
            _request = request;
            _options = options;
        }

        public void Run(IConfirmingSink sink, CancellationToken cancellationToken)
        {
            BiosImagePlan plan;
            try
            {
                plan = BiosImagePlan.Read(_options.Path, _options.Force, cancellationToken);
            }
            catch (EscFirmwareException invalid)
            {
                sink.WriteError(OperationError.FromException(invalid, _options.Path));
                return;
            }
            sink.WriteVerbose("'" + plan.Image.Path + "': BIOS " + plan.Version + ", component " + plan.Upload.Component + ", "
                + plan.Upload.DataLength + " bytes of component data, SHA-256 " + plan.Image.Sha256 + ".");
            PerHostFleet.RunPlanned(_request, "Updating BIOS to " + plan.Version, (target, hostSink, token) => PlanAsync(plan, target, hostSink, token), sink, cancellationToken);
        }

        private async Task<Planned<EscFirmwareUpdateResult>> PlanAsync(BiosImagePlan plan, BmcTarget target, IOperationSink sink, CancellationToken cancellationToken)
        {
            var planning = new BiosUpdateWorkflow(_request, _options, plan, target, sink, PerHostFleet.ActivityId, planOnly: true, cancellationToken);
            var answer = await planning.RunAsync().ConfigureAwait(false);
            if (planning.PlanText == null || answer.Status == UpdateStatus.Failed) return Planned<EscFirmwareUpdateResult>.Answered(answer);
            return Planned<EscFirmwareUpdateResult>.Ask(planning.PlanText,
                (executeSink, token) => new BiosUpdateWorkflow(_request, _options, plan, target, executeSink, PerHostFleet.ActivityId, planOnly: false, token).RunAsync(),
                _ => planning.NotApproved(_options.WhatIf));
        }
    }
}
