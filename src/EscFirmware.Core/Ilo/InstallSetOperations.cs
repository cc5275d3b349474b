using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;
using EscFirmware.Core.Redfish;

namespace EscFirmware.Core.Ilo
{
    /// <summary>Get- and Invoke-EscInstallSet: iLO install sets (at most 8 per iLO) and their <c>HpeComponentInstallSet.Invoke</c>.</summary>
    public static class InstallSetOperations
    {
        public const string Link = "InstallSets";
        private const string InvokeAction = "#HpeComponentInstallSet.Invoke";

        public static void Get(BmcFleetRequest request, IloSettings settings, IOperationSink sink, CancellationToken cancellationToken) =>
            IloFleet.Run<EscInstallSet>(request, settings, "Reading iLO install sets", async (ilo, target, hostSink, token) =>
                (await ilo.MembersAsync(Link, token).ConfigureAwait(false)).Select(s => IloRead.InstallSet(target.DisplayName, s)).ToList(),
                sink, cancellationToken);

        /// <summary>Creates an install set applying <paramref name="filenames"/> (repository components) in this order, each by <paramref name="updatableBy"/>.</summary>
        public static void New(BmcFleetRequest request, IloSettings settings, string name, IReadOnlyList<string> filenames, IReadOnlyList<string> updatableBy, IConfirmingSink sink, CancellationToken cancellationToken) =>
            IloFleet.RunChange<EscInstallSet>(request, settings, "Create install set '" + name + "' applying " + string.Join(", ", filenames) + " in this order", async (ilo, target, hostSink, token) =>
            {
                var body = new Dictionary<string, object>
                {
                    ["Name"] = name,
                    ["IsRecovery"] = false,
                    ["Sequence"] = filenames.Select(f => new Dictionary<string, object> { ["Name"] = name + ": " + f, ["Command"] = "ApplyUpdate", ["Filename"] = f, ["UpdatableBy"] = updatableBy }).ToArray(),
                };
                return new[] { IloRead.InstallSet(target.DisplayName, await ilo.CreateAsync(Link, body, "creating install set '" + name + "'", token).ConfigureAwait(false)) };
            }, sink, cancellationToken);

        /// <summary>Appends the set's sequence to the task queue (after clearing it, as HPE advises, unless told not to), in a window or time range.</summary>
        public static void Invoke(BmcFleetRequest request, IloSettings settings, string name, bool clearTaskQueue, string? maintenanceWindow,
            DateTimeOffset? startAfter, DateTimeOffset? expire, IConfirmingSink sink, CancellationToken cancellationToken) =>
            IloFleet.RunChange<EscInstallSet>(request, settings, "Invoke install set '" + name + "'" + (clearTaskQueue ? " after clearing the task queue" : string.Empty)
                + (maintenanceWindow != null ? " in maintenance window " + maintenanceWindow : string.Empty), async (ilo, target, hostSink, token) =>
            {
                var set = (await ilo.MembersAsync(Link, token).ConfigureAwait(false)).FirstOrDefault(s => s.GetString("Name") == name || s.GetString("Id") == name)
                    ?? throw IloErrors.ItemNotFound(target.DisplayName, "install set", name);
                var action = set.At("Actions", InvokeAction) is JsonElement a ? RedfishResource.GetStringAt(a, "target") : null;
                if (action == null) throw IloErrors.FeatureMissing(target.DisplayName, "Invoke action on install set " + name);
                var body = new Dictionary<string, object> { ["ClearTaskQueue"] = clearTaskQueue };
                if (maintenanceWindow != null) body["MaintenanceWindow"] = maintenanceWindow;
                if (startAfter.HasValue) body["StartAfter"] = IloRead.Iso(startAfter.Value);
                if (expire.HasValue) body["Expire"] = IloRead.Iso(expire.Value);
                await ilo.PostAsync(action, body, "invoking install set '" + name + "'", token).ConfigureAwait(false);
                return new[] { IloRead.InstallSet(target.DisplayName, set) };
            }, sink, cancellationToken);
    }
}
