using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;

namespace EscFirmware.Core.Inventory
{
    /// <summary>
    /// Get-EscFirmwareInventory / <c>escfw inventory</c>: every member of each BMC's <c>UpdateService/FirmwareInventory</c>,
    /// found through <c>Members</c> (never by a guessed Id, never trusting <c>Members@odata.count</c>), read-only, with the
    /// access that fits the service (HTTP Basic, or a session where Basic is refused).
    /// </summary>
    public sealed class FirmwareInventoryReport
    {
        private readonly BmcFleetRequest _request;

        public FirmwareInventoryReport(BmcFleetRequest request) => _request = request;

        public void Run(IOperationSink sink, CancellationToken cancellationToken) =>
            PerHostFleet.RunMany(_request, "Reading firmware inventories", ReadAsync, sink, cancellationToken);

        public async Task<IReadOnlyList<EscFirmwareInventoryItem>> ReadAsync(BmcTarget target, IOperationSink sink, CancellationToken cancellationToken)
        {
            using (var connection = _request.Connect(target, sink))
            {
                var access = await RedfishAccess.OpenAsync(connection, _request.Credential, _request.ReadAuthentication, cancellationToken).ConfigureAwait(false);
                try
                {
                    var inventory = await RedfishDiscovery.DiscoverAsync(access, cancellationToken).ConfigureAwait(false);
                    var dialect = RedfishDialects.DisplayName(inventory.Dialect);
                    var collection = inventory.UpdateService?.FirmwareInventoryPath;
                    if (collection == null)
                    {
                        sink.WriteWarning(target.DisplayName + ": the Redfish service (" + dialect + ") has no firmware inventory; " + EscCommand.GetFirmwareVersion + " shows its BMC and BIOS versions.");
                        return new EscFirmwareInventoryItem[0];
                    }
                    var items = await RedfishDiscovery.ReadFirmwareInventoryAsync(access, collection, cancellationToken).ConfigureAwait(false);
                    sink.WriteVerbose(target.DisplayName + ": " + dialect + " service, " + items.Count + " firmware items (" + access.Scheme + ")");
                    return items.Select(i => new EscFirmwareInventoryItem
                    {
                        ComputerName = target.DisplayName,
                        Dialect = dialect,
                        Id = i.Id,
                        Name = i.Name,
                        Version = i.Version,
                        Updateable = i.Updateable,
                        SoftwareId = i.SoftwareId,
                        LowestSupportedVersion = i.LowestSupportedVersion,
                        RelatedItem = i.RelatedItem.ToArray(),
                        Uri = i.Path,
                    }).ToList();
                }
                finally
                {
                    await access.CloseAsync().ConfigureAwait(false);
                }
            }
        }
    }
}
