using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Ilo
{
    /// <summary>Add-, Get- and Remove-EscRepositoryComponent: the iLO Repository.</summary>
    public static class RepositoryOperations
    {
        public const string Link = "ComponentRepository";

        /// <summary>Uploads <paramref name="file"/> (and its signature) to each iLO's repository, without flashing unless <paramref name="flash"/>.</summary>
        public static void Add(BmcFleetRequest request, IloSettings settings, string file, string? compsig, bool flash, IConfirmingSink sink, CancellationToken cancellationToken)
        {
            foreach (var path in new[] { file, compsig }.Where(p => p != null))
            {
                if (!File.Exists(path)) throw IloErrors.FileMissing(path!);
            }
            var name = Path.GetFileName(file);
            var plan = "Upload " + name + (compsig != null ? " and " + Path.GetFileName(compsig) : string.Empty) + " to the iLO Repository" + (flash ? " and flash it now" : " (no flash)");
            IloFleet.RunChange<EscRepositoryComponent>(request, settings, plan, async (ilo, target, hostSink, token) =>
            {
                var progress = new HostProgress(hostSink, target.DisplayName, PerHostFleet.ActivityId);
                progress.Phase("Upload", name, 0);
                await ilo.UploadAsync(file, compsig, flash, (sent, total) => progress.Percent((int)(90 * sent / Math.Max(1, total)), sent + " of " + total + " bytes"), token).ConfigureAwait(false);
                progress.Done("in the repository");
                var components = await ilo.MembersAsync(Link, token).ConfigureAwait(false);
                return components.Where(c => c.GetString("Filename") == name).Select(c => IloRead.Component(target.DisplayName, c)).ToList();
            }, sink, cancellationToken);
        }

        public static void Get(BmcFleetRequest request, IloSettings settings, IOperationSink sink, CancellationToken cancellationToken) =>
            IloFleet.Run<EscRepositoryComponent>(request, settings, "Reading iLO Repositories", async (ilo, target, hostSink, token) =>
                (await ilo.MembersAsync(Link, token).ConfigureAwait(false)).Select(c => IloRead.Component(target.DisplayName, c)).ToList(),
                sink, cancellationToken);

        /// <summary>Removes the component with this file name (or Id); a locked one is refused by the iLO, and said why.</summary>
        /// <param name="passThru">Write the removed component.</param>
        public static void Remove(BmcFleetRequest request, IloSettings settings, string filename, bool passThru, IConfirmingSink sink, CancellationToken cancellationToken) =>
            IloFleet.RunChange<EscRepositoryComponent>(request, settings, "Remove " + filename + " from the iLO Repository", async (ilo, target, hostSink, token) =>
            {
                var component = (await ilo.MembersAsync(Link, token).ConfigureAwait(false))
                    .FirstOrDefault(c => c.GetString("Filename") == filename || c.GetString("Id") == filename)
                    ?? throw IloErrors.ItemNotFound(target.DisplayName, "repository component", filename);
                await ilo.DeleteAsync(component.Path, "removing " + filename + " (a component referenced by a task or install set is locked)", token).ConfigureAwait(false);
                return passThru ? new[] { IloRead.Component(target.DisplayName, component) } : new EscRepositoryComponent[0];
            }, sink, cancellationToken);
    }
}
