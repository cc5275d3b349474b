using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>
    /// The read-only pre-flight checks of the BMC itself (hpm-and-safety 5.7 items 1, 2, 5): it is an ASUS ASMB / AMI
    /// MegaRAC BMC with the multipart push and preserve flags, the image fits, and no update is running.
    /// </summary>
    public static class BmcTargetCheck
    {
        /// <summary>UpdateStatus values of a BMC that is not updating (null and empty included).</summary>
        public static bool IsIdle(string? updateStatus) =>
            string.IsNullOrEmpty(updateStatus)
            || string.Equals(updateStatus, "Completed", StringComparison.OrdinalIgnoreCase)
            || string.Equals(updateStatus, "Idle", StringComparison.OrdinalIgnoreCase)
            || string.Equals(updateStatus, "None", StringComparison.OrdinalIgnoreCase);

        public static async Task<UpdateServiceInfo> EnsureUpdatableAsync(RedfishSession session, BmcInventory inventory, EscFirmwareImage image, CancellationToken cancellationToken)
        {
            var host = session.Connection.Target.DisplayName;
            var manager = await session.GetAsync(inventory.ManagerPath, cancellationToken).ConfigureAwait(false);
            var managerModel = manager.GetString("Model") ?? string.Empty;
            var managerMaker = manager.GetString("Manufacturer") ?? string.Empty;
            var looksRight = managerModel.StartsWith("ASMB", StringComparison.OrdinalIgnoreCase)
                || managerMaker.IndexOf("American Megatrends", StringComparison.OrdinalIgnoreCase) >= 0
                || (inventory.Manufacturer ?? string.Empty).IndexOf("ASUS", StringComparison.OrdinalIgnoreCase) >= 0;
            var service = inventory.UpdateService;
            if (!looksRight || service == null || string.IsNullOrEmpty(service.MultipartHttpPushUri))
            {
                throw new EscFirmwareException("EscBmcNotSupported", ErrorKind.InvalidOperation,
                    host + ": this is not an ASUS ASMB / AMI MegaRAC BMC with a Redfish multipart update (manager '" + managerModel + "' by '" + managerMaker
                    + "', system by '" + inventory.Manufacturer + "'" + (service?.MultipartHttpPushUri == null ? ", no MultipartHttpPushUri" : string.Empty) + ").",
                    recommendedAction: Phrase.Of($"{EscCommand.InvokeBmcUpdate} is for ASUS ESC servers with ASMB11/ASMB12-iKVM BMCs; check the address."));
            }
            if (service.PreserveConfiguration.Count == 0)
            {
                throw PreserveConfigurationUnavailable(host);
            }
            if (service.MaxImageSizeBytes is long max && image.Size > max)
            {
                throw new EscFirmwareException("EscImageTooLarge", ErrorKind.InvalidData,
                    host + ": the image is " + image.Size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes, more than the BMC's MaxImageSizeBytes "
                    + max.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + ".",
                    recommendedAction: "Use the .hpm file from the BMC package, not the whole zip.");
            }
            if (!IsIdle(service.UpdateStatus))
            {
                throw Busy(host, "its UpdateService reports UpdateStatus '" + service.UpdateStatus + "'" + (service.FlashPercentage != null ? " (" + service.FlashPercentage + ")" : string.Empty));
            }
            if (await RunningTaskAsync(session, cancellationToken).ConfigureAwait(false) is string task)
            {
                throw Busy(host, "task " + task + " is still running");
            }
            return service;
        }

        private static EscFirmwareException Busy(string host, string why) =>
            new EscFirmwareException("EscBmcUpdateInProgress", ErrorKind.ResourceUnavailable,
                host + ": an update is already running on this BMC: " + why + ".",
                recommendedAction: Phrase.Of($"Wait for it to finish (about 10 minutes), then check with {EscCommand.GetFirmwareVersion}. Do not reset or power-cycle the BMC meanwhile."));

        /// <summary>The first task in New/Starting/Running/Pending state, if the BMC has a task service.</summary>
        private static async Task<string?> RunningTaskAsync(RedfishSession session, CancellationToken cancellationToken)
        {
            var root = await session.GetAsync(RedfishDiscovery.ServiceRootPath, cancellationToken).ConfigureAwait(false);
            if (!(root.GetLink("Tasks") is string taskServicePath)) return null;
            var taskService = await session.GetAsync(taskServicePath, cancellationToken).ConfigureAwait(false);
            if (!(taskService.GetLink("Tasks") is string tasksPath)) return null;
            var tasks = await session.GetAsync(tasksPath, cancellationToken).ConfigureAwait(false);
            foreach (var path in tasks.Members().Reverse().Take(8))
            {
                var task = await session.GetAsync(path, cancellationToken).ConfigureAwait(false);
                var state = task.GetString("TaskState");
                if (state == "New" || state == "Starting" || state == "Running" || state == "Pending") return path;
            }
            return null;
        }

        private static EscFirmwareException PreserveConfigurationUnavailable(string host) =>
            new EscFirmwareException("EscBmcPreserveConfigurationUnavailable", ErrorKind.InvalidOperation,
                host + ": the BMC's UpdateService lists no Oem.AMIUpdateService.PreserveConfiguration flags, so its network and user configuration could not be kept across the flash.",
                recommendedAction: "Update this BMC from its web interface with 'preserve configuration' selected.");
    }
}
