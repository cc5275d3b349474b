using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Upgrades.Paths;

namespace EscFirmware.Commands
{
    /// <summary>Get-EscUpgradePath's collected inputs and its run, kept out of the public cmdlet class (no Core type in its metadata).</summary>
    internal sealed class UpgradePathQueries
    {
        private readonly List<UpgradePathInput> _inputs = new List<UpgradePathInput>();

        public void Add(string? computerName, string model, string? bmcVersion, string? biosVersion) =>
            _inputs.Add(new UpgradePathInput { ComputerName = computerName ?? string.Empty, Model = model, BmcVersion = bmcVersion, BiosVersion = biosVersion });

        public void Run(UpgradeTargetArguments targets, string api, Uri? catalogUri, string? catalogPath, HttpClient? http, IOperationSink sink, CancellationToken cancellationToken)
        {
            var planner = new CatalogPathPlanner(CatalogArguments.Catalog(api, catalogUri, catalogPath, http), targets.ToTargets());
            new GetUpgradePathOperation(planner).Run(_inputs, sink, cancellationToken);
        }
    }

    /// <summary>-Latest, -TargetBmcVersion, -TargetBiosVersion and -AllowDowngrade as plain values.</summary>
    internal sealed class UpgradeTargetArguments
    {
        public UpgradeTargetArguments(bool latest, string? bmcVersion, string? biosVersion, bool allowDowngrade)
        {
            Latest = latest;
            BmcVersion = bmcVersion;
            BiosVersion = biosVersion;
            AllowDowngrade = allowDowngrade;
        }

        public bool Latest { get; }
        public string? BmcVersion { get; }
        public string? BiosVersion { get; }
        public bool AllowDowngrade { get; }
        public bool Any => Latest || BmcVersion != null || BiosVersion != null;

        public UpgradeTargets ToTargets() => new UpgradeTargets { Latest = Latest, BmcVersion = BmcVersion, BiosVersion = BiosVersion, AllowDowngrade = AllowDowngrade };
    }
}
