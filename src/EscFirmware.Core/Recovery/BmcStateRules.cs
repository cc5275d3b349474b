using System;
using System.Linq;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.State;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Recovery
{
    /// <summary>
    /// Turns a probe's observations into a state, a verdict on recoverability and the next step. The rules, first match wins:
    /// <list type="number">
    /// <item>A flash is running: <c>hpm/upgradestatus</c>, read through the journal's rescue session, is below 100; or Redfish
    /// reports UpdateStatus Preparing/Downloading/VerifyingFirmware/Flashing; or, when the BMC cannot say, the journal says
    /// <c>hpm/flash</c> (or the Redfish upload) was sent less than <see cref="RecoverySettings.FlashRunningWindow"/> ago and the
    /// update has not ended — and the BMC is not plainly healthy → <b>UpdateInProgress</b>, recoverable (wait; never
    /// interrupt an SPI write).</item>
    /// <item>Web login refused with 1348 (or Redfish 503 while the journal's rescue session still answers) → <b>UpdateModeLocked</b>.
    /// Recoverable only when a session survives (the journal's rescue session answers a read-only
    /// <c>GET /api/chassis-status</c>) and the FWUPDATEID is known: remedy <c>Exit-EscUpdateMode</c> (with <c>-CompleteFlash</c>
    /// offered when the journal says the upload was staged but never flashed). Otherwise: the AC power drain.</item>
    /// <item>Web login refused with 15000 → <b>SessionTableFull</b>, recoverable (idle sessions expire in 30 min, or IPMI cold reset).</item>
    /// <item>Web login refused with 1012 or Redfish <c>AccessDenied</c> → <b>AuthLockedOut</b>, recoverable (wait ~3 min, lower the throttle).</item>
    /// <item>HTTPS does not answer, but SSH, KVM or IPMI does, HTTPS answered one request and not the next, or the journal
    /// recorded a reboot (a phase named *Reboot*) less than <see cref="RecoverySettings.RebootWindow"/> ago → <b>Rebooting</b>,
    /// recoverable (wait, probe again).</item>
    /// <item>Nothing answers → <b>Unreachable</b>, not recoverable from here.</item>
    /// <item>A Redfish service that is not AMI/ASUS (its UpdateService has no AMI OEM block) and answers the authenticated read
    /// → <b>Healthy</b>: it has no web API or HPM update mode to check, so no web login is tried.</item>
    /// <item>Redfish 200 with Basic auth and a web login that worked → <b>Healthy</b>.</item>
    /// <item>Redfish 503 while a web login works → <b>Rebooting</b> (Redfish still starting).</item>
    /// <item>Anything else (wrong credentials, mixed answers) → <b>Unknown</b>, with the evidence.</item>
    /// </list>
    /// </summary>
    public static class BmcStateRules
    {
        private const int UpdateModeLoginBlocked = 1348;
        private const int SessionTableFull = 15000;
        private const int AuthLockout = 1012;
        private static readonly string[] RedfishUpdateRunning = { "Preparing", "Downloading", "VerifyingFirmware", "Flashing" };

        public static EscBmcState Decide(BmcObservations seen, RecoverySettings settings)
        {
            var host = seen.ComputerName;
            var journal = seen.Journal;
            var fwUpdateId = journal != null && journal.InUpdateMode ? journal.FwUpdateId : null;
            var result = new EscBmcState
            {
                ComputerName = host,
                CheckedAt = seen.CheckedAt,
                Evidence = seen.Evidence.ToArray(),
                FwUpdateId = fwUpdateId,
            };

            if (seen.NotRedfish != null)
            {
                return Set(result, BmcState.NotRedfish, false,
                    "Not a Redfish service: " + seen.NotRedfish + " at " + RedfishDiscovery.ServiceRootPath + ". Check the address and port: they must be the BMC's "
                    + "management port, not the host operating system's or another web server's. Nothing was logged in to.");
            }

            if (FlashRunning(seen, settings) && !PlainlyHealthy(seen))
            {
                if (IsRedfishBmcFlash(seen))
                {
                    return Set(result, BmcState.UpdateInProgress, true,
                        "Do not interrupt: the BMC is flashing its own firmware over Redfish. That takes about 10 minutes, including a 2–4 minute "
                        + "reboot during which the BMC does not answer; its configuration is kept and the host keeps running. "
                        + Phrase.Of($"Run {EscCommand.GetBmcState.For(host)} again in 5 minutes; power nothing off and do not reset the BMC."));
                }
                return Set(result, BmcState.UpdateInProgress, true,
                    "Do not interrupt: a flash is being written. A BIOS flash takes up to 40 minutes and the BMC may stay silent meanwhile. "
                    + Phrase.Of($"Run {EscCommand.GetBmcState.For(host)} again in 10 minutes; power nothing off. Only if it still says so ")
                    + Phrase.Of($"{Minutes(settings.FlashRunningWindow)} after the flash started is the run dead, and then {EscCommand.ExitUpdateMode.For(host)} applies."));
            }

            if (seen.WebLoginCode == UpdateModeLoginBlocked || (seen.RedfishRootStatus == 503 && seen.RescueSession == RescueSessionOutcome.Alive))
            {
                if (seen.RescueSession == RescueSessionOutcome.Alive && fwUpdateId.HasValue)
                {
                    const string Hurry = " The journal's rescue session is still alive: act before it expires (30 min idle).";
                    var staged = journal!.UploadStaged && (!journal.FlashSent || seen.WizardFlashNotStarted);
                    Phrase remedy;
                    if (staged)
                        remedy = Phrase.Of($"Run {EscCommand.ExitUpdateMode.For(host, EscParameter.CompleteFlash)} to finish the staged flash (host must be off) and leave update mode, ")
                                 + Phrase.Of($"or {EscCommand.ExitUpdateMode.For(host)} to leave update mode and discard the staged upload.{Hurry}");
                    else if (seen.WizardFlashProgress >= 100)
                        remedy = Phrase.Of($"Run {EscCommand.ExitUpdateMode.For(host, EscParameter.CompleteFlash)} to verify and activate the written flash and leave update mode, ")
                                 + Phrase.Of($"or {EscCommand.ExitUpdateMode.For(host)} to only leave update mode.{Hurry}");
                    else if (seen.WizardFlashProgress < 0)
                        remedy = Phrase.Of($"Run {EscCommand.ExitUpdateMode.For(host)}; the flash failed (PROGRESS -1), so run the update again afterwards.{Hurry}");
                    else
                        remedy = Phrase.Of($"Run {EscCommand.ExitUpdateMode.For(host)}.{Hurry}");
                    return Set(result, BmcState.UpdateModeLocked, true, remedy);
                }
                if (seen.RescueSession == RescueSessionOutcome.Alive)
                {
                    return Set(result, BmcState.UpdateModeLocked, false,
                        Phrase.Of($"A web session survives but the FWUPDATEID is unknown. If the log of the run that entered update mode shows it, run {EscCommand.ExitUpdateMode.For(host, EscParameter.FwUpdateId.With("<id>"))}. ")
                        + "Otherwise: " + AcPowerDrain.Remedy(host));
                }
                return Set(result, BmcState.UpdateModeLocked, false, AcPowerDrain.WhyNoRemoteExit + " " + AcPowerDrain.Remedy(host));
            }

            if (seen.WebLoginCode == SessionTableFull)
            {
                return Set(result, BmcState.SessionTableFull, true,
                    "Close forgotten web UI tabs and scripts that never log out, then wait: idle sessions expire after 30 minutes. "
                    + "If it cannot wait, reset the BMC over IPMI (ipmitool -I lanplus -H " + host + " -U <user> mc reset cold; IPMI does not use the web session table), "
                    + Phrase.Of($"then run {EscCommand.GetBmcState.For(host)} again after about 3 minutes."));
            }

            if (seen.WebLoginCode == AuthLockout || seen.RedfishAccessDenied)
            {
                return Set(result, BmcState.AuthLockedOut, true,
                    Phrase.Of($"Wait about 3 minutes without touching the BMC (every attempt can extend the lockout), then run {EscCommand.GetBmcState.For(host)} ")
                    + Phrase.Of($"again. Avoid it next time: lower {EscParameter.ThrottleLimit} and do not run several tools against one BMC at once."));
            }

            if (seen.RedfishRootStatus == null)
            {
                if (seen.HttpsAcceptsThenCloses)
                {
                    return Set(result, BmcState.Rebooting, true,
                        Phrase.Of($"Wait and re-check: the BMC accepts connections and closes them at once, as while it boots or restarts its web server. Run {EscCommand.GetBmcState.For(host)} again in 3 minutes; if it still does so after 10, check its network and power."));
                }
                if (OtherPortAnswers(seen) || RecentReboot(journal, seen.CheckedAt, settings))
                {
                    return Set(result, BmcState.Rebooting, true,
                        Phrase.Of($"Wait: a BMC restart takes about 3 minutes. Run {EscCommand.GetBmcState.For(host)} again in 3 minutes; if it is still not answering after 10, check its network and power."));
                }
                return Set(result, BmcState.Unreachable, false,
                    "Check the address, the network path to the management port and the server's power. If the BMC was in the middle of an update and stays silent "
                    + "for more than 10 minutes: " + AcPowerDrain.Remedy(host));
            }

            if (seen.HttpsWentSilent)
            {
                return Set(result, BmcState.Rebooting, true,
                    Phrase.Of($"Wait: HTTPS answered and then went silent, as during a restart. Run {EscCommand.GetBmcState.For(host)} again in 3 minutes."));
            }

            if (FailedSpiWrite(journal) is string failedAt)
            {
                return Set(result, BmcState.FlashFailed, true,
                    "The journal says the BIOS flash of " + failedAt + " did not complete: the BIOS SPI write failed or was cut off, so the BIOS may be damaged. "
                    + Phrase.Of($"Keep the host off and run {EscCommand.InvokeBiosUpdate.For(host)} again with the same image (it writes the whole BIOS again); ")
                    + "if that fails too, contact ASUS support before powering the host on.");
            }

            if (seen.Dialect is Redfish.RedfishDialect dialect && dialect != Redfish.RedfishDialect.AmiAsus && seen.RedfishAuthStatus == 200)
            {
                return Set(result, BmcState.Healthy, true,
                    "None: " + host + " is a " + Redfish.RedfishDialects.DisplayName(dialect) + " Redfish service that answers with these credentials. "
                    + "It has no AMI HPM update mode to get stuck in; " + EscCommand.GetFirmwareInventory + " lists its firmware.");
            }

            if (PlainlyHealthy(seen))
            {
                return Set(result, BmcState.Healthy, true, WrittenButNotActivated(journal, host) ?? "None: the BMC is healthy.");
            }

            // 503 without the update-mode signature (no 1348 at the web login, handled above): services still starting.
            if (seen.RedfishRootStatus == 503)
            {
                return Set(result, BmcState.Rebooting, true,
                    Phrase.Of($"Wait and re-check: Redfish answers 503 (service unavailable) but the BMC is not in update mode, so it is still starting after a boot or restart. Run {EscCommand.GetBmcState.For(host)} again in 2 minutes."));
            }

            if ((seen.WebLogin == WebLoginOutcome.Refused && seen.WebLoginCode.HasValue) || seen.RedfishAuthStatus == 401 || seen.RedfishAuthStatus == 403)
            {
                return Set(result, BmcState.Unknown, false,
                    "The BMC refused the credentials. Check the user name and password (an Administrator account); repeated wrong attempts lock the client out for about 3 minutes.");
            }
            return Set(result, BmcState.Unknown, false,
                Phrase.Of($"The answers fit no known state (see Evidence). Run {EscCommand.GetBmcState.For(host)} again in a few minutes; if it persists, open the BMC's web UI."));
        }

        /// <summary>True when the BMC says a write runs (upgradestatus below 100 through the rescue session, or a running Redfish
        /// update), or, when the BMC cannot say, the journal's update sent its flash recently and has not ended.</summary>
        public static bool FlashRunning(BmcObservations seen, RecoverySettings settings)
        {
            if (seen.RedfishUpdateStatus != null && RedfishUpdateRunning.Contains(seen.RedfishUpdateStatus, StringComparer.OrdinalIgnoreCase)) return true;
            if (seen.WizardFlashProgress is int progress) return progress >= 0 && progress < 100;
            if (seen.WizardFlashNotStarted) return false;
            var journal = seen.Journal;
            return journal != null && journal.IsOpen && journal.FlashSent && seen.CheckedAt - journal.PhaseSince < settings.FlashRunningWindow;
        }

        /// <summary>The Redfish BMC update (not the BIOS wizard): the BMC names BMC as the running update's target, or the journal's open update is of the BMC.</summary>
        private static bool IsRedfishBmcFlash(BmcObservations seen) =>
            string.Equals(seen.RedfishUpdateTarget, "BMC", StringComparison.OrdinalIgnoreCase)
            || (seen.RedfishUpdateTarget == null && seen.WizardFlashProgress == null && seen.Journal != null
                && string.Equals(seen.Journal.Component, "Bmc", StringComparison.OrdinalIgnoreCase));

        /// <summary>"2026-11-24 02:14Z" when the journal's last BIOS update sent hpm/flash, failed, and never recorded the write as done.</summary>
        private static string? FailedSpiWrite(UpdateJournalEntry? journal)
        {
            if (journal == null || journal.IsOpen || !journal.FlashSent || journal.Outcome != "Failed") return null;
            if (!string.Equals(journal.Component, "Bios", StringComparison.OrdinalIgnoreCase)) return null;
            if (journal.History.Any(p => p.Phase == "Flashed")) return null;
            var sent = journal.History.LastOrDefault(p => p.Phase == "FlashSent")?.At ?? journal.PhaseSince;
            return JournalEvidence.When(sent, sent.AddYears(1));
        }

        /// <summary>
        /// A BIOS update the journal says was stopped (or failed) after its image was written and before it was activated:
        /// the BMC left update mode cleanly, but the new BIOS is not in effect. Running the update again finishes it.
        /// </summary>
        private static Phrase? WrittenButNotActivated(UpdateJournalEntry? journal, string host)
        {
            if (journal == null || journal.IsOpen || journal.Outcome == "Succeeded" || !string.Equals(journal.Component, "Bios", StringComparison.OrdinalIgnoreCase)) return null;
            if (!journal.History.Any(p => p.Phase == "Flashed") || journal.History.Any(p => p.Phase == "Activated")) return null;
            var skipped = journal.History.Any(p => p.Phase == "Verified") ? "activated" : "verified and activated";
            return Phrase.Of($"The BMC is healthy, but its journal says the last BIOS update ended ({journal.Outcome}) after the image was written and before it was {skipped}, so BIOS {journal.ToVersion} is not in effect. Keep the host off and run {EscCommand.InvokeBiosUpdate.For(host)} again: it writes, verifies and activates the image.");
        }

        private static bool PlainlyHealthy(BmcObservations seen) =>
            seen.RedfishRootStatus == 200 && seen.RedfishAuthStatus == 200 && seen.WebLogin == WebLoginOutcome.Succeeded
            && (seen.RedfishUpdateStatus == null || !RedfishUpdateRunning.Contains(seen.RedfishUpdateStatus, StringComparer.OrdinalIgnoreCase));

        private static bool OtherPortAnswers(BmcObservations seen) =>
            seen.Ssh == PortAnswer.Open || seen.Kvm == PortAnswer.Open || seen.IpmiPong == true;

        private static bool RecentReboot(UpdateJournalEntry? journal, DateTimeOffset now, RecoverySettings settings) =>
            journal != null && journal.History.Any(p => p.Phase.IndexOf("Reboot", StringComparison.OrdinalIgnoreCase) >= 0 && now - p.At < settings.RebootWindow);

        private static EscBmcState Set(EscBmcState result, BmcState state, bool recoverable, Phrase remedy)
        {
            result.State = state;
            result.Recoverable = recoverable;
            result.Remedy = remedy.ToString();
            return result;
        }

        private static string Minutes(TimeSpan span) =>
            span.TotalMinutes >= 1 ? ((int)span.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture) + " minutes"
                                   : ((int)Math.Ceiling(span.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) + " seconds";
    }
}
