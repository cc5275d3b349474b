using System;
using System.Collections.Generic;
using System.Linq;
using EscFirmware.Core.Redfish;

namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>
    /// Which firmware inventory item a BMC or BIOS image updates: the updateable item related to the Manager (BMC) or the
    /// System (BIOS), else one named so; the Manager or System itself when the service has no inventory to point at.
    /// </summary>
    public sealed class UpdateTargetItem
    {
        private UpdateTargetItem(string path, string? version, bool isInventoryItem)
        {
            Path = path;
            Version = version;
            IsInventoryItem = isInventoryItem;
        }

        /// <summary>The URI sent as the push's target and read back to verify.</summary>
        public string Path { get; }
        public string? Version { get; }
        /// <summary>False when <see cref="Path"/> is the Manager or System resource (read its FirmwareVersion/BiosVersion).</summary>
        public bool IsInventoryItem { get; }

        public static UpdateTargetItem Choose(FirmwareComponent component, BmcInventory inventory, IReadOnlyList<FirmwareInventoryItem> items)
        {
            var owner = component == FirmwareComponent.Bios ? inventory.SystemPath : inventory.ManagerPath;
            var word = component == FirmwareComponent.Bios ? "BIOS" : "BMC";
            var item = FirmwareInventoryItem.Of(items.Where(i => i.Updateable != false), owner, word);
            if (item != null) return new UpdateTargetItem(item.Path, item.Version, true);
            return new UpdateTargetItem(owner, component == FirmwareComponent.Bios ? inventory.BiosVersion : inventory.BmcVersion, false);
        }

        /// <summary>The version now shown by <paramref name="resource"/>, read the same way as at the start.</summary>
        public string? VersionIn(RedfishResource resource) =>
            IsInventoryItem ? resource.GetString("Version") : resource.GetString("FirmwareVersion") ?? resource.GetString("BiosVersion");
    }
}
