using System;
using System.Globalization;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Ilo
{
    /// <summary>The errors of the iLO update-service commands, each naming the problem and the next step.</summary>
    internal static class IloErrors
    {
        public static EscFirmwareException NotAnIlo(string host) =>
            new EscFirmwareException("EscNotAnIlo", ErrorKind.InvalidOperation, host + ": this BMC's UpdateService has no Oem.Hpe block: it is not an HPE iLO.",
                recommendedAction: Phrase.Of($"Use {EscCommand.GetFirmwareInventory} and {EscCommand.InvokeRedfishUpdate} for other Redfish BMCs."));

        public static EscFirmwareException FeatureMissing(string host, string feature) =>
            new EscFirmwareException("EscIloFeatureMissing", ErrorKind.NotImplemented, host + ": this iLO has no " + feature + " (iLO 4 and some iLO 5 firmware lack it).",
                recommendedAction: Phrase.Of($"Update the iLO firmware, or use {EscCommand.InvokeRedfishUpdate} {EscParameter.ImageUri}."));

        public static EscFirmwareException Busy(string host, string state) =>
            new EscFirmwareException("EscBmcUpdateInProgress", ErrorKind.ResourceUnavailable,
                host + ": the iLO update service is busy (Oem.Hpe.State " + state + "); nothing was uploaded.",
                recommendedAction: "Wait until it is Idle or Complete (another upload or flash is running), then try again.");

        public static EscFirmwareException UploadFailed(string host, string result) =>
            new EscFirmwareException("EscIloUploadFailed", ErrorKind.InvalidData,
                host + ": the iLO refused the component after the upload (Oem.Hpe.State Error" + (result.Length > 0 ? ", " + result : string.Empty) + "); nothing was flashed.",
                recommendedAction: Phrase.Of($"Check that it is a signed HPE component for this server and that its .compsig was given ({EscParameter.CompsigPath})."));

        public static EscFirmwareException StateTimeout(string host, string state, TimeSpan limit) =>
            new EscFirmwareException("EscIloStateTimeout", ErrorKind.OperationTimeout,
                host + ": the iLO update service still says " + state + " after " + Seconds(limit) + ".",
                recommendedAction: Phrase.Of($"It may still be verifying or writing: run {EscCommand.GetRepositoryComponent.For(host)} in a few minutes."));

        public static EscFirmwareException FileMissing(string path) =>
            new EscFirmwareException("EscImageUnusable", ErrorKind.InvalidArgument, "The file '" + path + "' does not exist; nothing was uploaded.",
                recommendedAction: Phrase.Of($"Give the component's path (and its .compsig with {EscParameter.CompsigPath})."));

        public static EscFirmwareException ItemNotFound(string host, string what, string name) =>
            new EscFirmwareException("EscIloItemNotFound", ErrorKind.ObjectNotFound, host + ": the iLO has no " + what + " '" + name + "'.",
                recommendedAction: "Check the name; the matching list command shows what exists.");

        public static EscFirmwareException TaskLeftQueue(string host, string name) =>
            new EscFirmwareException("EscIloItemNotFound", ErrorKind.ObjectNotFound, host + ": task '" + name + "' left the queue before it ended (someone removed it).",
                recommendedAction: Phrase.Of($"{EscCommand.GetUpdateTask.For(host)} shows the queue; {EscCommand.GetFirmwareInventory.For(host)} shows whether the update happened."));

        public static EscFirmwareException QueueStalled(string host, string blocker, string blockerState, string name) =>
            new EscFirmwareException("EscIloQueueStalled", ErrorKind.InvalidOperation,
                host + ": the task queue is stalled: '" + blocker + "' is " + blockerState + " and the iLO runs nothing behind it, so '" + name + "' stays Pending.",
                recommendedAction: Phrase.Of($"Read its Result ({EscCommand.GetUpdateTask.For(host)}), then remove task '{blocker}' ({EscCommand.RemoveUpdateTask}) and the queue moves on."));

        public static EscFirmwareException TaskTimeout(string host, string name, string state, TimeSpan limit) =>
            new EscFirmwareException("EscIloTaskTimeout", ErrorKind.OperationTimeout,
                host + ": task '" + name + "' is still " + state + " after " + Seconds(limit) + " of watching; it stays queued.",
                recommendedAction: state == "Pending"
                    ? Phrase.Of($"It waits for its time window or for its updater (a Uefi task needs a reboot, a RuntimeAgent task needs SUM/SUT). Check later with {EscCommand.GetUpdateTask.For(host)}.")
                    : Phrase.Of($"Check later with {EscCommand.GetUpdateTask.For(host)}."));

        public static EscFirmwareException TaskInProgress(string host, string name) =>
            new EscFirmwareException("EscIloTaskInProgress", ErrorKind.InvalidOperation,
                host + ": task '" + name + "' is InProgress: an updater is applying it right now; it was not removed.",
                recommendedAction: Phrase.Of($"Wait until it ends ({EscCommand.GetUpdateTask.For(host)}), then remove it."));

        public static EscFirmwareException WindowBackwards(string name) =>
            new EscFirmwareException("EscInvalidMaintenanceWindow", ErrorKind.InvalidArgument, "The maintenance window '" + name + "' would end before it starts.",
                recommendedAction: Phrase.Of($"Give an {EscParameter.Expire} later than {EscParameter.StartAfter}."));

        public static EscFirmwareException UploadTimeout(string host, TimeSpan limit) =>
            new EscFirmwareException("EscImageUploadTimeout", ErrorKind.OperationTimeout, host + ": the component upload did not finish within " + Seconds(limit) + ".",
                recommendedAction: Phrase.Of($"Check the link to the iLO; raise {EscParameter.UploadTimeoutSec} for slow links."));

        private static string Seconds(TimeSpan span) => ((int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + " s";
    }
}
