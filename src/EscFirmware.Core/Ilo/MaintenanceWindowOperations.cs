using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Ilo
{
    /// <summary>New- and Remove-EscMaintenanceWindow. Times are the iLO's clock; tasks and install sets refer to a window by its Id.</summary>
    public static class MaintenanceWindowOperations
    {
        public const string Link = "MaintenanceWindows";

        public static void New(BmcFleetRequest request, IloSettings settings, string name, DateTimeOffset? startAfter, DateTimeOffset? expire, IConfirmingSink sink, CancellationToken cancellationToken)
        {
            if (startAfter.HasValue && expire.HasValue && expire <= startAfter)
            {
                throw IloErrors.WindowBackwards(name);
            }
            var plan = "Create maintenance window '" + name + "' from " + (startAfter.HasValue ? IloRead.Iso(startAfter.Value) : "now") + " to " + (expire.HasValue ? IloRead.Iso(expire.Value) : "open end") + " (iLO time)";
            IloFleet.RunChange<EscMaintenanceWindow>(request, settings, plan, async (ilo, target, hostSink, token) =>
            {
                var body = new Dictionary<string, object?> { ["Name"] = name, ["StartAfter"] = startAfter.HasValue ? IloRead.Iso(startAfter.Value) : null, ["Expire"] = expire.HasValue ? IloRead.Iso(expire.Value) : null };
                return new[] { IloRead.Window(target.DisplayName, await ilo.CreateAsync(Link, body, "creating maintenance window '" + name + "'", token).ConfigureAwait(false)) };
            }, sink, cancellationToken);
        }

        /// <param name="passThru">Write the removed window.</param>
        public static void Remove(BmcFleetRequest request, IloSettings settings, string name, bool passThru, IConfirmingSink sink, CancellationToken cancellationToken) =>
            IloFleet.RunChange<EscMaintenanceWindow>(request, settings, "Remove maintenance window '" + name + "'", async (ilo, target, hostSink, token) =>
            {
                var window = (await ilo.MembersAsync(Link, token).ConfigureAwait(false)).FirstOrDefault(w => w.GetString("Name") == name || w.GetString("Id") == name)
                    ?? throw IloErrors.ItemNotFound(target.DisplayName, "maintenance window", name);
                await ilo.DeleteAsync(window.Path, "removing maintenance window '" + name + "'", token).ConfigureAwait(false);
                return passThru ? new[] { IloRead.Window(target.DisplayName, window) } : new EscMaintenanceWindow[0];
            }, sink, cancellationToken);
    }
}
