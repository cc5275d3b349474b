using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;

namespace EscFirmware.Core.Inventory
{
    /// <summary>Reads BMC and BIOS versions, power state and image slots of every BMC: read-only, one Redfish session each.</summary>
    public sealed class FirmwareVersionReport
    {
        private readonly BmcFleetRequest _request;

        public FirmwareVersionReport(BmcFleetRequest request) => _request = request;

        public void Run(IOperationSink sink, CancellationToken cancellationToken) =>
            PerHostFleet.Run(_request, "Reading firmware versions", ReadAsync, sink, cancellationToken);

        public async Task<EscFirmwareVersion> ReadAsync(BmcTarget target, IOperationSink sink, CancellationToken cancellationToken)
        {
            using (var connection = _request.Connect(target, sink))
            {
                var session = await RedfishSession.OpenAsync(connection, _request.Credential, cancellationToken).ConfigureAwait(false);
                try
                {
                    var inventory = await RedfishDiscovery.DiscoverAsync(session, cancellationToken).ConfigureAwait(false);
                    sink.WriteVerbose(target.DisplayName + ": BMC " + inventory.BmcVersion + ", BIOS " + inventory.BiosVersion + ", host " + inventory.PowerState);
                    return new EscFirmwareVersion
                    {
                        ComputerName = target.DisplayName,
                        Manufacturer = inventory.Manufacturer,
                        Model = inventory.Model,
                        BmcVersion = inventory.BmcVersion,
                        BiosVersion = inventory.BiosVersion,
                        PowerState = inventory.PowerState,
                        ActiveBmcImage = inventory.UpdateService?.ActiveBmcImage,
                        BmcImage1Version = inventory.UpdateService?.BmcImage1Version,
                        BmcImage2Version = inventory.UpdateService?.BmcImage2Version,
                        RedfishVersion = inventory.RedfishVersion,
                    };
                }
                finally
                {
                    // Awaited, not disposed synchronously: a blocking logout would pin a pool thread per BMC.
                    await session.CloseAsync().ConfigureAwait(false);
                }
            }
        }
    }
}
