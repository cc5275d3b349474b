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
        private readonly BmcFleetRequest _request;
        private readonly BmcUpdateOptions _options;

        public BmcUpdateOperation(BmcFleetRequest request, BmcUpdateOptions options)
        {
            _request = request;
            _options = options;
        }

        public void Run(IOperationSink sink, CancellationToken cancellationToken)
        {
            sink.WriteVerbose("Validating '" + _options.ImagePath + "'.");
            var image = ImageCheck.Read(_options.ImagePath, _options.Force, cancellationToken);
            var activity = (_options.WhatIf ? "Planning" : "Updating") + " BMC firmware" + (image.Image?.Version != null ? " to " + image.Image.Version : string.Empty);
            PerHostFleet.Run(_request, activity,
                (target, hostSink, token) => new BmcUpdateWorkflow(_request, _options, image, target, hostSink, PerHostFleet.ActivityId).RunAsync(token),
                sink, cancellationToken);
        }
    }
}
