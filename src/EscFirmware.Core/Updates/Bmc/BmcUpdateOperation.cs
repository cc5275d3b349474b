using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>
    /// Invoke-EscBmcUpdate / <c>escfw update bmc</c>: BMC firmware over the Redfish multipart push on every BMC of the
    /// request, throttled, one <see cref="EscFirmwareUpdateResult"/> per BMC. The image is validated once, up front;
    /// then plan (read-only, in parallel), confirm (on the caller's thread), execute (the approved ones, in parallel).
    /// </summary>
    public sealed class BmcUpdateOperation
    {
        private readonly BmcFleetRequest _request;
        private readonly BmcUpdateOptions _options;

        public BmcUpdateOperation(BmcFleetRequest request, BmcUpdateOptions options)
        {
            _request = request;
            _options = options;
        }

        public void Run(IConfirmingSink sink, CancellationToken cancellationToken)
        {
            sink.WriteVerbose("Validating '" + _options.ImagePath + "'.");
            var image = ImageCheck.Read(_options.ImagePath, _options.Force, cancellationToken);
            var activity = (_options.WhatIf ? "Planning" : "Updating") + " BMC firmware" + (image.Image?.Version != null ? " to " + image.Image.Version : string.Empty);
            PerHostFleet.RunPlanned(_request, activity, (target, hostSink, token) => PlanAsync(image, target, hostSink, token), sink, cancellationToken);
        }

        private async Task<Planned<EscFirmwareUpdateResult>> PlanAsync(ImageCheck image, BmcTarget target, IOperationSink sink, CancellationToken cancellationToken)
        {
            var planning = new BmcUpdateWorkflow(_request, _options, image, target, sink, PerHostFleet.ActivityId, planOnly: true);
            var answer = await planning.RunAsync(cancellationToken).ConfigureAwait(false);
            if (planning.PlanText == null || answer.Status == UpdateStatus.Failed) return Planned<EscFirmwareUpdateResult>.Answered(answer);
            return Planned<EscFirmwareUpdateResult>.Ask(planning.PlanText,
                (executeSink, token) => new BmcUpdateWorkflow(_request, _options, image, target, executeSink, PerHostFleet.ActivityId, planOnly: false).RunAsync(token),
                _ => planning.NotApproved(_options.WhatIf));
        }
    }
}
