using System.Threading;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>
    /// Invoke-EscBmcUpdate / <c>escfw update bmc</c>: BMC firmware over the Redfish multipart push on every BMC of the
    /// request, throttled, one <see cref="EscFirmwareUpdateResult"/> per BMC. The image is validated once, up front.
    /// </summary>
    public sealed class BmcUpdateOperation
    {
        private const int FleetActivityId = 1;
        private readonly BmcFleetRequest _request;
        private readonly BmcUpdateOptions _options;

        public BmcUpdateOperation(BmcFleetRequest request, BmcUpdateOptions options)
        {
            _request = request;
            _options = options;
        }

        public void Run(IOperationSink sink, CancellationToken cancellationToken)
        {
            _request.WarnAboutTls(sink);
            sink.WriteVerbose("Validating '" + _options.ImagePath + "'.");
            var image = ImageCheck.Read(_options.ImagePath, cancellationToken);
            var activity = (_options.WhatIf ? "Planning" : "Updating") + " BMC firmware" + (image.Image?.Version != null ? " to " + image.Image.Version : string.Empty);
            var progress = new FleetProgress(sink, FleetActivityId, activity, _request.Targets.Count);
            FleetRunner.Run(_request.Targets, _request.ThrottleLimit, t => t.DisplayName,
                async (target, hostSink, token) =>
                {
                    try
                    {
                        var workflow = new BmcUpdateWorkflow(_request, _options, image, target, hostSink, FleetActivityId);
                        hostSink.WriteObject(await workflow.RunAsync(token).ConfigureAwait(false));
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
