using System.Collections.Generic;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Upgrades.Paths
{
    /// <summary>Get-EscUpgradePath: the path for each input, planned from the catalog alone: no BMC is contacted, nothing is written.</summary>
    public sealed class GetUpgradePathOperation
    {
        private readonly CatalogPathPlanner _planner;

        public GetUpgradePathOperation(CatalogPathPlanner planner)
        {
            _planner = planner;
        }

        public void Run(IReadOnlyList<UpgradePathInput> inputs, IOperationSink sink, System.Threading.CancellationToken cancellationToken) =>
            FleetRunner.Run(inputs, 1, input => input.ComputerName.Length > 0 ? input.ComputerName : input.Model,
                async (input, worker, token) =>
                {
                    var path = await _planner.PlanAsync(input.Model, input.BmcVersion, input.BiosVersion, worker, token).ConfigureAwait(false);
                    path.ComputerName = input.ComputerName;
                    worker.WriteObject(path);
                },
                sink, cancellationToken);
    }
}
