using System;
using System.Collections.Generic;
using System.Management.Automation;
using EscFirmware.Core.Audit;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Recovery;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Upgrades;
using EscFirmware.Core.Upgrades.Paths;

namespace EscFirmware.Output
{
    /// <summary>
    /// The stable type names output objects carry first in PSObject.TypeNames. The classes behind them live in the
    /// module's private load context, where `[EscFirmware.Core.…]` literals cannot reach on PowerShell 7, and their
    /// names are an implementation detail; these names are what [OutputType], the format views, the docs and
    /// scripts (`$_.PSObject.TypeNames -contains 'EscFirmware.UpdateResult'`) use.
    /// </summary>
    internal static class PSTypeNames
    {
        public const string FirmwareVersion = "EscFirmware.FirmwareVersion";
        public const string FirmwareImage = "EscFirmware.FirmwareImage";
        public const string Release = "EscFirmware.Release";
        public const string AuditRecord = "EscFirmware.AuditRecord";
        public const string UpdateResult = "EscFirmware.UpdateResult";
        public const string UpgradeSummary = "EscFirmware.UpgradeSummary";
        public const string BmcState = "EscFirmware.BmcState";
        public const string UpdateModeExitResult = "EscFirmware.UpdateModeExitResult";
        public const string FirmwareInventoryItem = "EscFirmware.FirmwareInventoryItem";
        public const string RepositoryComponent = "EscFirmware.RepositoryComponent";
        public const string UpdateTask = "EscFirmware.UpdateTask";
        public const string MaintenanceWindow = "EscFirmware.MaintenanceWindow";
        public const string InstallSet = "EscFirmware.InstallSet";
        public const string UpgradePath = "EscFirmware.UpgradePath";

        private static readonly Dictionary<Type, string> ByType = new Dictionary<Type, string>
        {
            [typeof(EscFirmwareVersion)] = FirmwareVersion,
            [typeof(EscFirmwareImage)] = FirmwareImage,
            [typeof(EscFirmwareRelease)] = Release,
            [typeof(EscFirmwareAuditRecord)] = AuditRecord,
            [typeof(EscFirmwareUpdateResult)] = UpdateResult,
            [typeof(EscFirmwareUpgradeSummary)] = UpgradeSummary,
            [typeof(EscBmcState)] = BmcState,
            [typeof(EscUpdateModeExitResult)] = UpdateModeExitResult,
            [typeof(EscFirmwareInventoryItem)] = FirmwareInventoryItem,
            [typeof(Core.Ilo.EscRepositoryComponent)] = RepositoryComponent,
            [typeof(Core.Ilo.EscUpdateTask)] = UpdateTask,
            [typeof(Core.Ilo.EscMaintenanceWindow)] = MaintenanceWindow,
            [typeof(Core.Ilo.EscInstallSet)] = InstallSet,
            [typeof(EscUpgradePath)] = UpgradePath,
        };

        /// <summary>The object as the pipeline should see it: wrapped, with its stable name in front of the CLR names.</summary>
        public static object Named(object item)
        {
            if (!ByType.TryGetValue(item.GetType(), out var name)) return item;
            var wrapped = PSObject.AsPSObject(item);
            if (!wrapped.TypeNames.Contains(name)) wrapped.TypeNames.Insert(0, name);
            return wrapped;
        }
    }
}
