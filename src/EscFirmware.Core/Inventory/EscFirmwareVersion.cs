namespace EscFirmware.Core.Inventory
{
    /// <summary>One server's firmware as its BMC reports it: the output of Get-EscFirmwareVersion and escfw version.</summary>
    public sealed class EscFirmwareVersion
    {
        public string ComputerName { get; set; } = string.Empty;
        public string? Manufacturer { get; set; }
        public string? Model { get; set; }
        public string? BmcVersion { get; set; }
        public string? BiosVersion { get; set; }
        public string? PowerState { get; set; }
        public string? ActiveBmcImage { get; set; }
        public string? BmcImage1Version { get; set; }
        public string? BmcImage2Version { get; set; }
        /// <summary>Which Redfish the BMC speaks: AMI/ASUS, HPE iLO or DMTF (a generic service).</summary>
        public string Dialect { get; set; } = string.Empty;
    }
}
