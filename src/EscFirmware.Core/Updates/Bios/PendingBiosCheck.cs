using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.State;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Versions;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>
    /// Whether the BIOS about to be written is already written and waiting for the host's next POST: BiosVersion
    /// reads the old version until then, so without this a re-run (a restarted runbook) would write the SPI again.
    /// Evidence: a pending version the BMC exposes in its firmware inventory (a <c>BIOS_Pending</c>-style member), or
    /// the journal's "written and verified, pending until POST" record while BiosVersion still reads what it read
    /// before that flash.
    /// </summary>
    internal static class PendingBiosCheck
    {
        /// <summary>Why nothing needs writing, or null when the version is not pending.</summary>
        public static async Task<string?> PendingReasonAsync(RedfishSession session, BmcInventory inventory, UpdateJournalEntry? journal, BiosImagePlan plan,
            CancellationToken cancellationToken)
        {
            var exposed = await ExposedPendingVersionAsync(session, inventory, cancellationToken).ConfigureAwait(false);
            if (exposed != null && FirmwareVersion.Compare(exposed, plan.Version) == VersionOrder.Same)
            {
                return "BIOS " + plan.Version + " is already written and pending: the BMC lists it as the pending BIOS version (BiosVersion reads "
                    + inventory.BiosVersion + " until the host's next POST). Nothing was written.";
            }
            return RecordedReason(journal, inventory.BiosVersion, plan.Version, plan.Image.Sha256);
        }

        /// <summary>
        /// Why nothing needs writing by the journal's record alone (no request): it says this version was written and
        /// verified, pending until POST, and BiosVersion still reads what it read before that flash. Null otherwise.
        /// </summary>
        public static string? RecordedReason(UpdateJournalEntry? journal, string? biosVersionNow, string version, string? imageSha256)
        {
            var recorded = journal?.PendingBios;
            if (recorded == null || FirmwareVersion.Compare(recorded.Version, version) != VersionOrder.Same) return null;
            if (!string.Equals(recorded.FromVersion, biosVersionNow, StringComparison.OrdinalIgnoreCase)) return null;
            var sameImage = imageSha256 == null || string.Equals(recorded.ImageSha256, imageSha256, StringComparison.OrdinalIgnoreCase);
            return "BIOS " + version + " was written and verified on " + recorded.WrittenAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)
                + " (" + (sameImage ? "this image" : "an image with SHA-256 " + recorded.ImageSha256) + ") and is pending until the host's next POST; BiosVersion reads "
                + biosVersionNow + " until then. Nothing was written.";
        }

        /// <summary>The reason with what to do about it, in the words of the front end in use.</summary>
        public static string WithAdvice(string reason) =>
            reason + Phrase.Of($" Power the host on to apply it; {EscParameter.Force} writes it again.").ToString();

        private static async Task<string?> ExposedPendingVersionAsync(RedfishSession session, BmcInventory inventory, CancellationToken cancellationToken)
        {
            var path = inventory.UpdateService?.FirmwareInventoryPath;
            if (path == null) return null;
            try
            {
                var collection = await session.GetAsync(path, cancellationToken).ConfigureAwait(false);
                var pending = collection.Members().FirstOrDefault(IsPendingBios);
                if (pending == null) return null;
                var member = await session.GetAsync(pending, cancellationToken).ConfigureAwait(false);
                var version = member.GetString("Version");
                return string.IsNullOrEmpty(version) ? null : version;
            }
            catch (BmcResponseException)
            {
                // The inventory is extra evidence; a BMC that refuses it still has the journal's.
                return null;
            }
        }

        /// <summary>"BIOS_Pending", "BIOS-Pending", "UEFI-Pending" (Lenovo's spelling of the same idea).</summary>
        private static bool IsPendingBios(string memberPath)
        {
            var id = memberPath.Substring(memberPath.LastIndexOf('/') + 1).ToUpperInvariant();
            return (id.StartsWith("BIOS", StringComparison.Ordinal) || id.StartsWith("UEFI", StringComparison.Ordinal)) && id.EndsWith("PENDING", StringComparison.Ordinal);
        }
    }
}
