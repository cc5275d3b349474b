namespace EscFirmware.Core.Inventory
{
    /// <summary>One firmware item of one BMC's Redfish inventory: the output of Get-EscFirmwareInventory and escfw inventory.</summary>
    public sealed class EscFirmwareInventoryItem
    {
        public string ComputerName { get; set; } = string.Empty;
        /// <summary>Which Redfish the BMC speaks: AMI/ASUS, HPE iLO or DMTF.</summary>
        public string Dialect { get; set; } = string.Empty;
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Version { get; set; }
        public bool? Updateable { get; set; }
        public string? SoftwareId { get; set; }
        public string? LowestSupportedVersion { get; set; }
        /// <summary>The Managers, Systems or Chassis the firmware belongs to.</summary>
        public string[] RelatedItem { get; set; } = new string[0];
        /// <summary>The item's URI on the BMC (what a Redfish update targets).</summary>
        public string Uri { get; set; } = string.Empty;
    }
}
