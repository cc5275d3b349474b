using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EscFirmware.Core.Redfish
{
    /// <summary>One member of <c>UpdateService/FirmwareInventory</c> (a SoftwareInventory resource).</summary>
    public sealed class FirmwareInventoryItem
    {
        public FirmwareInventoryItem(string path, string? id, string? name, string? version, bool? updateable,
            string? softwareId = null, string? lowestSupportedVersion = null, IReadOnlyList<string>? relatedItem = null)
        {
            Path = path;
            Id = id;
            Name = name;
            Version = version;
            Updateable = updateable;
            SoftwareId = softwareId;
            LowestSupportedVersion = lowestSupportedVersion;
            RelatedItem = relatedItem ?? new string[0];
        }

        public string Path { get; }
        public string? Id { get; }
        public string? Name { get; }
        public string? Version { get; }
        public bool? Updateable { get; }
        public string? SoftwareId { get; }
        public string? LowestSupportedVersion { get; }
        /// <summary>The Managers, Systems or Chassis this firmware belongs to (their <c>@odata.id</c>s).</summary>
        public IReadOnlyList<string> RelatedItem { get; }

        public static FirmwareInventoryItem From(RedfishResource member)
        {
            bool? updateable = member.At("Updateable") is JsonElement u && (u.ValueKind == JsonValueKind.True || u.ValueKind == JsonValueKind.False) ? u.GetBoolean() : (bool?)null;
            var related = member.At("RelatedItem") is JsonElement r && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Select(l => RedfishResource.GetStringAt(l, "@odata.id")).Where(l => l != null).Select(l => l!).ToArray()
                : new string[0];
            return new FirmwareInventoryItem(member.Path, member.GetString("Id"), member.GetString("Name"), member.GetString("Version"), updateable,
                member.GetString("SoftwareId"), member.GetString("LowestSupportedVersion"), related);
        }

        /// <summary>
        /// The item of the Manager or System at <paramref name="owner"/>: the first whose RelatedItem points at it, else the
        /// first whose Id or Name says <paramref name="word"/> ("BMC", "BIOS"); null when none does.
        /// </summary>
        public static FirmwareInventoryItem? Of(IEnumerable<FirmwareInventoryItem> items, string owner, string word)
        {
            var list = items.ToList();
            return list.FirstOrDefault(i => i.RelatesTo(owner)) ?? list.FirstOrDefault(i => Mentions(i.Id, word) || Mentions(i.Name, word));
        }

        private static bool Mentions(string? text, string word) => text != null && text.IndexOf(word, System.StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>True when this item belongs to the resource at <paramref name="path"/> (trailing slashes ignored).</summary>
        public bool RelatesTo(string path) => RelatedItem.Any(r => string.Equals(r.TrimEnd('/'), path.TrimEnd('/'), System.StringComparison.OrdinalIgnoreCase));
    }
}
