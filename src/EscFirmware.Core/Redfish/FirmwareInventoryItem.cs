namespace EscFirmware.Core.Redfish
{
    /// <summary>One member of <c>UpdateService/FirmwareInventory</c>.</summary>
    public sealed class FirmwareInventoryItem
    {
        public FirmwareInventoryItem(string path, string? id, string? name, string? version, bool? updateable)
        {
            Path = path;
            Id = id;
            Name = name;
            Version = version;
            Updateable = updateable;
        }

        public string Path { get; }
        public string? Id { get; }
        public string? Name { get; }
        public string? Version { get; }
        public bool? Updateable { get; }
    }
}
