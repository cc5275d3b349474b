using System.Collections.Generic;
using EscFirmware.Core.Catalog;

namespace EscFirmware.Core.Upgrades.Paths
{
    /// <summary>What a path is planned from: the catalog's releases, the running versions, and where each component should end.</summary>
    public sealed class UpgradePathRequest
    {
        public UpgradePathRequest(string model, IReadOnlyList<EscFirmwareRelease> releases, string catalogSource)
        {
            Model = model;
            Releases = releases;
            CatalogSource = catalogSource;
        }

        public string Model { get; }
        public IReadOnlyList<EscFirmwareRelease> Releases { get; }

        /// <summary>Where the releases came from, in words for errors ("the catalog file 'D:\fw\catalog.json'").</summary>
        public string CatalogSource { get; }

        public string? BmcFrom { get; set; }
        public string? BiosFrom { get; set; }

        public UpgradeTargets Targets { get; set; } = new UpgradeTargets();
    }
}
