using System.Linq;

namespace EscFirmware.Core.Upgrades.Paths
{
    /// <summary>The flashes that take one server (or a given pair of versions) to its targets, in order (Get-EscUpgradePath's output).</summary>
    public sealed class EscUpgradePath
    {
        /// <summary>The server; empty when the path was planned for versions given by hand.</summary>
        public string ComputerName { get; set; } = string.Empty;
        public string Model { get; set; } = string.Empty;
        public string? BmcFrom { get; set; }
        /// <summary>The BMC release the path ends at; null when the BMC is not part of the plan.</summary>
        public string? BmcTarget { get; set; }
        public string? BiosFrom { get; set; }
        public string? BiosTarget { get; set; }
        public UpgradeStep[] Steps { get; set; } = new UpgradeStep[0];
        public int StepCount => Steps.Length;

        /// <summary>The path in one line: "BMC 1.20.0 -> 1.29.1 -> 1.37.1, then BIOS 0603 -> 0804", or "already at target".</summary>
        public string Path => Steps.Length == 0 ? "already at target" : string.Join("; ", Steps.Select(s => s.Index + ". " + s.Name + (s.IsDowngrade ? " (downgrade)" : string.Empty)));

        public override string ToString() => (ComputerName.Length > 0 ? ComputerName + ": " : string.Empty) + Path;
    }
}
