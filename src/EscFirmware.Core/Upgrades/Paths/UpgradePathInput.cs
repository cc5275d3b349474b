namespace EscFirmware.Core.Upgrades.Paths
{
    /// <summary>What a path is planned for: a server's running versions (from Get-EscFirmwareVersion) or versions given by hand.</summary>
    public sealed class UpgradePathInput
    {
        /// <summary>The server the versions are from; empty for versions given by hand.</summary>
        public string ComputerName { get; set; } = string.Empty;
        public string Model { get; set; } = string.Empty;
        public string? BmcVersion { get; set; }
        public string? BiosVersion { get; set; }
    }
}
