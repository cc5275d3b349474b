namespace EscFirmware.Core.Redfish
{
    /// <summary>What discovery found on one BMC, every path taken from links, never guessed.</summary>
    public sealed class BmcInventory
    {
        public string ManagerPath { get; set; } = string.Empty;
        public string SystemPath { get; set; } = string.Empty;
        public string? BmcVersion { get; set; }
        public string? BmcModel { get; set; }
        public string? Manufacturer { get; set; }
        public string? Model { get; set; }
        public string? BiosVersion { get; set; }
        public string? PowerState { get; set; }
        public string? SystemResetTarget { get; set; }
        public string? ManagerResetTarget { get; set; }
        public UpdateServiceInfo? UpdateService { get; set; }
        /// <summary>Which Redfish the BMC speaks, told from the UpdateService and the Manager.</summary>
        public RedfishDialect Dialect { get; set; }
    }
}
