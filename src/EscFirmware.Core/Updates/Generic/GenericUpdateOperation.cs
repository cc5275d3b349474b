using System.Threading;
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

        public void Run(IOperationSink sink, CancellationToken cancellationToken) =>
            PerHostFleet.Run(_request, "Updating " + (_options.Component == FirmwareComponent.Bios ? "BIOS" : "BMC firmware") + " over Redfish",
                (target, hostSink, token) => new GenericUpdateWorkflow(_request, _options, target, hostSink, PerHostFleet.ActivityId).RunAsync(token),
                sink, cancellationToken);
    }
}
