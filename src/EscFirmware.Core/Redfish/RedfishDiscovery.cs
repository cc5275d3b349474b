using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Transport;

namespace EscFirmware.Core.Redfish
{
    /// <summary>
    /// Finds the manager, the system and the update service with the fewest requests the service allows: the
    /// collections and the UpdateService at the URIs the Redfish specification fixes (<see cref="ServiceUris"/>), each
    /// collection's members expanded in place where the service supports <c>$expand</c> (3 requests; 5 without). The
    /// members themselves are always found through the collection, never assumed: <c>Managers/Self</c> does not exist
    /// on ASUS (<c>BMC_0</c>, <c>System_0</c>), other builds name them differently.
    /// </summary>
    public static class RedfishDiscovery
    {
        public const string ServiceRootPath = ServiceUris.Root;

        // Subordinate resources one level down: a collection's members, not the resources they link to.
        private const string ExpandMembers = "?$expand=.($levels=1)";

        public static async Task<BmcInventory> DiscoverAsync(IRedfishAccess access, CancellationToken cancellationToken)
        {
            var uris = new ServiceUris(access);
            var manager = await FirstMemberAsync(access, uris, "Managers", ServiceUris.Managers, cancellationToken).ConfigureAwait(false);
            var system = await FirstMemberAsync(access, uris, "Systems", ServiceUris.Systems, cancellationToken).ConfigureAwait(false);
            var inventory = new BmcInventory
            {
                ManagerPath = manager.Path,
                SystemPath = system.Path,
                BmcVersion = manager.GetString("FirmwareVersion"),
                BmcModel = manager.GetString("Model"),
                Manufacturer = system.GetString("Manufacturer"),
                Model = system.GetString("Model"),
                BiosVersion = system.GetString("BiosVersion"),
                PowerState = system.GetString("PowerState"),
                SystemResetTarget = ActionTarget(system, "#ComputerSystem.Reset"),
                ManagerResetTarget = ActionTarget(manager, "#Manager.Reset"),
            };
            var updateService = await uris.ReadAsync("UpdateService", ServiceUris.UpdateService, string.Empty, cancellationToken).ConfigureAwait(false);
            if (updateService != null) inventory.UpdateService = UpdateServiceInfo.From(updateService);
            inventory.Dialect = RedfishDialects.Detect(updateService, manager);
            await VersionsFromInventoryAsync(access, inventory, cancellationToken).ConfigureAwait(false);
            return inventory;
        }

        /// <summary>
        /// A Manager without FirmwareVersion or a System without BiosVersion (both optional in the schema): the version
        /// is read from their firmware inventory item instead. Costs requests only on such services; an inventory that
        /// cannot be read leaves the version unknown rather than failing the whole read.
        /// </summary>
        private static async Task VersionsFromInventoryAsync(IRedfishAccess access, BmcInventory inventory, CancellationToken cancellationToken)
        {
            if ((inventory.BmcVersion != null && inventory.BiosVersion != null) || !(inventory.UpdateService?.FirmwareInventoryPath is string collection)) return;
            IReadOnlyList<FirmwareInventoryItem> items;
            try
            {
                items = await ReadFirmwareInventoryAsync(access, collection, cancellationToken).ConfigureAwait(false);
            }
            catch (BmcResponseException)
            {
                return;
            }
            inventory.BmcVersion = inventory.BmcVersion ?? FirmwareInventoryItem.Of(items, inventory.ManagerPath, "BMC")?.Version;
            inventory.BiosVersion = inventory.BiosVersion ?? FirmwareInventoryItem.Of(items, inventory.SystemPath, "BIOS")?.Version;
        }

        public static async Task<UpdateServiceInfo> ReadUpdateServiceAsync(IRedfishAccess access, string path, CancellationToken cancellationToken) =>
            UpdateServiceInfo.From(await access.GetAsync(path, cancellationToken).ConfigureAwait(false));

        public static async Task<RedfishResource> ReadSystemAsync(IRedfishAccess access, string path, CancellationToken cancellationToken) =>
            await access.GetAsync(path, cancellationToken).ConfigureAwait(false);

        public static async Task<IReadOnlyList<FirmwareInventoryItem>> ReadFirmwareInventoryAsync(IRedfishAccess access, string collectionPath, CancellationToken cancellationToken)
        {
            var collection = await access.GetAsync(collectionPath, cancellationToken).ConfigureAwait(false);
            var items = new List<FirmwareInventoryItem>();
            foreach (var memberPath in collection.Members())
            {
                items.Add(FirmwareInventoryItem.From(await access.GetAsync(memberPath, cancellationToken).ConfigureAwait(false)));
            }
            return items;
        }

        /// <summary>
        /// The collection's first member: taken from the collection itself when the service expanded it, else read by
        /// its link. Whether the service expands is learned from the first collection read of the run and remembered
        /// for the host (<see cref="RedfishServiceFacts"/>).
        /// </summary>
        private static async Task<RedfishResource> FirstMemberAsync(IRedfishAccess access, ServiceUris uris, string collectionName, string fixedPath, CancellationToken cancellationToken)
        {
            var facts = access.Connection.Facts;
            var askedToExpand = facts.Expand != ExpandSupport.Unsupported;
            RedfishResource? collection;
            try
            {
                collection = await uris.ReadAsync(collectionName, fixedPath, askedToExpand ? ExpandMembers : string.Empty, cancellationToken).ConfigureAwait(false);
            }
            catch (BmcResponseException refused) when (askedToExpand && RefusesQuery(refused.StatusCode))
            {
                facts.Expand = ExpandSupport.Unsupported;
                askedToExpand = false;
                collection = await uris.ReadAsync(collectionName, fixedPath, string.Empty, cancellationToken).ConfigureAwait(false);
            }
            var host = access.Connection.Target.DisplayName;
            var members = collection?.At("Members");
            if (collection == null || !(members is JsonElement list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0
                || !(RedfishResource.GetStringAt(list[0], "@odata.id") is string memberPath))
            {
                // Another web service answers JSON too: name it rather than call its answer an empty Redfish collection.
                if (await NotRedfishService.RefusalAsync(access.Connection, cancellationToken).ConfigureAwait(false) is EscFirmwareException notRedfish) throw notRedfish;
                throw collection == null ? NoCollection(host, collectionName) : EmptyCollection(host, collectionName);
            }
            if (askedToExpand)
            {
                if (IsExpanded(list[0]))
                {
                    facts.Expand = ExpandSupport.Supported;
                    return new RedfishResource(memberPath, list[0], etag: null);
                }
                facts.Expand = ExpandSupport.Unsupported; // the service ignored the query
            }
            return await access.GetAsync(memberPath, cancellationToken).ConfigureAwait(false);
        }

        private static EscFirmwareException NoCollection(string host, string collectionName) =>
            new EscFirmwareException("EscRedfishResourceMissing", ErrorKind.ObjectNotFound,
                host + ": the Redfish service has no " + collectionName + " collection.",
                recommendedAction: "Check that the address is the BMC's, not the host operating system's.");

        private static EscFirmwareException EmptyCollection(string host, string collectionName) =>
            new EscFirmwareException("EscRedfishResourceMissing", ErrorKind.ObjectNotFound,
                host + ": the Redfish " + collectionName + " collection is empty.",
                recommendedAction: "The BMC may still be booting; wait a few minutes and retry.");

        /// <summary>A member carrying more than its link is the resource itself.</summary>
        private static bool IsExpanded(JsonElement member)
        {
            if (member.ValueKind != JsonValueKind.Object) return false;
            foreach (var property in member.EnumerateObject())
            {
                if (property.Name != "@odata.id") return true;
            }
            return false;
        }

        /// <summary>400 (query not supported) or 501 (DSP0266: unsupported <c>$</c> query parameters); not 503, which reads retry.</summary>
        private static bool RefusesQuery(HttpStatusCode status) =>
            status == HttpStatusCode.BadRequest || ((int)status >= 500 && status != HttpStatusCode.ServiceUnavailable);

        private static string? ActionTarget(RedfishResource resource, string action) =>
            resource.At("Actions", action) is JsonElement element ? RedfishResource.GetStringAt(element, "target") : null;
    }
}
