using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Upgrades.Paths
{
    /// <summary>Plans paths from a catalog: each model's releases are read once per run, however many servers share it.</summary>
    public sealed class CatalogPathPlanner
    {
        private readonly ReleaseCatalog _catalog;
        private readonly UpgradeTargets _targets;
        private readonly ConcurrentDictionary<string, Lazy<Task<CatalogLookup>>> _lookups = new ConcurrentDictionary<string, Lazy<Task<CatalogLookup>>>(StringComparer.OrdinalIgnoreCase);

        public CatalogPathPlanner(ReleaseCatalog catalog, UpgradeTargets targets)
        {
            _catalog = catalog;
            _targets = targets;
        }

        public string Source => _catalog.Source;

        /// <summary>The model's releases; an error naming the model when the catalog has none.</summary>
        public async Task<CatalogLookup> ReleasesAsync(string model, IOperationSink sink, CancellationToken cancellationToken)
        {
            var lookup = await _lookups.GetOrAdd(AsusCatalogParser.Slug(model), _ => new Lazy<Task<CatalogLookup>>(() => _catalog.LookUpAsync(model, sink, cancellationToken))).Value.ConfigureAwait(false);
            if (lookup.Releases.Count == 0)
            {
                throw new EscFirmwareException("EscFirmwareNotFound", ErrorKind.ObjectNotFound, lookup.Message ?? "The catalog lists no firmware for '" + model + "'.",
                    recommendedAction: "Check the model name as ASUS spells it (for example ESC8000-E12P) and " + _catalog.Source + ".");
            }
            return lookup;
        }

        public async Task<EscUpgradePath> PlanAsync(string model, string? bmcFrom, string? biosFrom, IOperationSink sink, CancellationToken cancellationToken)
        {
            var lookup = await ReleasesAsync(model, sink, cancellationToken).ConfigureAwait(false);
            return Plan(lookup, bmcFrom, biosFrom);
        }

        public EscUpgradePath Plan(CatalogLookup lookup, string? bmcFrom, string? biosFrom) =>
            UpgradePathPlanner.Plan(new UpgradePathRequest(lookup.Model, lookup.Releases, _catalog.Source) { BmcFrom = bmcFrom, BiosFrom = biosFrom, Targets = _targets });
    }
}
