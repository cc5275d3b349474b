using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;

namespace EscFirmware.Core.Inventory
{
    /// <summary>
    /// Reads BMC and BIOS versions, power state and image slots of every BMC, read-only, with the fewest requests the
    /// service allows: HTTP Basic (no login, no logout) unless a session is asked for or needed, fixed URIs, and
    /// <c>$expand</c> where the service has it: 3 requests per BMC, 5 without <c>$expand</c>.
    /// </summary>
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
                var access = await RedfishAccess.OpenAsync(connection, _request.Credential, _request.ReadAuthentication, cancellationToken).ConfigureAwait(false);
                try
                {
                    var inventory = await RedfishDiscovery.DiscoverAsync(access, cancellationToken).ConfigureAwait(false);
                    sink.WriteVerbose(target.DisplayName + ": " + RedfishDialects.DisplayName(inventory.Dialect) + " Redfish, BMC " + inventory.BmcVersion + ", BIOS " + inventory.BiosVersion + ", host " + inventory.PowerState);
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
                        Dialect = RedfishDialects.DisplayName(inventory.Dialect),
                    };
                }
                finally
                {
                    // Awaited, not disposed synchronously: a blocking logout would pin a pool thread per BMC.
                    await access.CloseAsync().ConfigureAwait(false);
                    sink.WriteVerbose(target.DisplayName + ": " + connection.RequestCount.ToString(CultureInfo.InvariantCulture) + " requests, "
                        + access.Scheme + (connection.Facts.Expand == ExpandSupport.Supported ? ", collections expanded in place ($expand)" : ", no $expand"));
                }
            }
        }
    }
}
