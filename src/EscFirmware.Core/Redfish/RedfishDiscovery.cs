using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;

namespace EscFirmware.Core.Redfish
{
    /// <summary>
    /// Finds the manager, the system and the update service by following links from the service root. Paths such as
    /// <c>Managers/Self</c> are never assumed: ASUS names them <c>BMC_0</c> and <c>System_0</c>, other builds differently.
    /// </summary>
    public static class RedfishDiscovery
    {
        public const string ServiceRootPath = "/redfish/v1";

        public static async Task<BmcInventory> DiscoverAsync(RedfishSession session, CancellationToken cancellationToken)
        {
            var root = await session.GetAsync(ServiceRootPath, cancellationToken).ConfigureAwait(false);
            var manager = await FirstMemberAsync(session, root, "Managers", cancellationToken).ConfigureAwait(false);
            var system = await FirstMemberAsync(session, root, "Systems", cancellationToken).ConfigureAwait(false);
            var inventory = new BmcInventory
            {
                RedfishVersion = root.GetString("RedfishVersion"),
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
            if (root.GetLink("UpdateService") is string updateServicePath)
            {
                inventory.UpdateService = UpdateServiceInfo.From(await session.GetAsync(updateServicePath, cancellationToken).ConfigureAwait(false));
            }
            return inventory;
        }

        public static async Task<UpdateServiceInfo> ReadUpdateServiceAsync(RedfishSession session, string path, CancellationToken cancellationToken) =>
            UpdateServiceInfo.From(await session.GetAsync(path, cancellationToken).ConfigureAwait(false));

        public static async Task<RedfishResource> ReadSystemAsync(RedfishSession session, string path, CancellationToken cancellationToken) =>
            await session.GetAsync(path, cancellationToken).ConfigureAwait(false);

        public static async Task<IReadOnlyList<FirmwareInventoryItem>> ReadFirmwareInventoryAsync(RedfishSession session, string collectionPath, CancellationToken cancellationToken)
        {
            var collection = await session.GetAsync(collectionPath, cancellationToken).ConfigureAwait(false);
            var items = new List<FirmwareInventoryItem>();
            foreach (var memberPath in collection.Members())
            {
                items.Add(FirmwareInventoryItem.From(await session.GetAsync(memberPath, cancellationToken).ConfigureAwait(false)));
            }
            return items;
        }

        private static async Task<RedfishResource> FirstMemberAsync(RedfishSession session, RedfishResource root, string collectionName, CancellationToken cancellationToken)
        {
            var host = session.Connection.Target.DisplayName;
            var collectionPath = root.GetLink(collectionName)
                ?? throw new EscFirmwareException("EscRedfishResourceMissing", ErrorKind.ObjectNotFound,
                    host + ": the Redfish service root has no " + collectionName + " link.",
                    recommendedAction: "Check that the address is the BMC's, not the host operating system's.");
            var collection = await session.GetAsync(collectionPath, cancellationToken).ConfigureAwait(false);
            var members = collection.Members();
            if (members.Count == 0)
            {
                throw new EscFirmwareException("EscRedfishResourceMissing", ErrorKind.ObjectNotFound,
                    host + ": the Redfish " + collectionName + " collection is empty.",
                    recommendedAction: "The BMC may still be booting; wait a few minutes and retry.");
            }
            return await session.GetAsync(members[0], cancellationToken).ConfigureAwait(false);
        }

        private static string? ActionTarget(RedfishResource resource, string action) =>
            resource.At("Actions", action) is JsonElement element ? RedfishResource.GetStringAt(element, "target") : null;
    }
}
