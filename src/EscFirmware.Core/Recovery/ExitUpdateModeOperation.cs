using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Ami;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using RestSharp;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Recovery
{
    /// <summary>
    /// Exit-EscUpdateMode: gets a BMC out of HPM update mode through a web session that survived the lock (the journal's
    /// rescue session) — there is no other remote way (spec b.4). A fresh login that works proves the BMC is not locked
    /// (NotNeeded); one refused with 1348 and no surviving session means only an AC power drain helps (Impossible).
    /// An upload staged but never flashed is discarded, or with CompleteFlash flashed, verified and activated first.
    /// The rescue session is logged out only once update mode is over; until then it is the only way out.
    /// </summary>
    public sealed class ExitUpdateModeOperation
    {
        private const int UpdateModeLoginBlocked = 1348;
        private const string ChassisStatusPath = "/api/chassis-status";
        private readonly BmcFleetRequest _request;
        private readonly ExitUpdateModeOptions _options;

        public ExitUpdateModeOperation(BmcFleetRequest request, ExitUpdateModeOptions options)
        {
            _request = request;
            _options = options;
        }

        private RecoverySettings Settings => _options.Settings;

        public void Run(IOperationSink sink, CancellationToken cancellationToken) =>
            PerHostFleet.Run(_request, "Leaving firmware-update mode", ExitAsync, sink, cancellationToken);

        public async Task<EscUpdateModeExitResult> ExitAsync(BmcTarget target, IOperationSink sink, CancellationToken cancellationToken)
        {
            var host = target.DisplayName;
            var journal = new UpdateJournal(StateFolder.Journals(Settings.JournalPath), target);
            var entry = journal.Read();
            var fwUpdateId = _options.FwUpdateId ?? entry?.FwUpdateId;
            var result = new EscUpdateModeExitResult { ComputerName = host, FwUpdateId = fwUpdateId };
            using (var connection = _request.Connect(target, sink))
            {
                var session = await RescueSessionAsync(connection, entry, sink, cancellationToken).ConfigureAwait(false);
                result.SessionUsed = session != null ? RecoverySessionKind.JournalRescueSession : RecoverySessionKind.None;
                if (session == null)
                {
                    try
                    {
                        session = await AmiWebSession.LoginAsync(connection, _request.Credential, cancellationToken).ConfigureAwait(false);
                    }
                    catch (AmiWebException locked) when (locked.Code == UpdateModeLoginBlocked)
                    {
                        return Impossible(result, entry);
                    }
                    result.SessionUsed = RecoverySessionKind.NewLogin;
                    try
                    {
                        return NotNeeded(result, journal, entry);
                    }
                    finally
                    {
                        await session.LogoutAsync().ConfigureAwait(false);
                    }
                }

                var exit = new ExitAttempt();
                try
                {
                    return await ExitThroughAsync(session, result, journal, entry, exit, sink, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // The rescue session is the only way out while update mode lasts: keep it unless update mode is over.
                    if (exit.Accepted) await session.LogoutAsync().ConfigureAwait(false);
                    else session.Abandon();
                }
            }
        }

        /// <summary>The journal's rescue session, if it still answers a read.</summary>
        private static async Task<AmiWebSession?> RescueSessionAsync(BmcConnection connection, UpdateJournalEntry? entry, IOperationSink sink, CancellationToken cancellationToken)
        {
            var handle = entry == null ? null : UpdateJournal.RescueHandleOf(entry);
            if (handle == null) return null;
            var rescue = AmiWebSession.Attach(connection, handle);
            try
            {
                await rescue.GetJsonAsync(ChassisStatusPath, cancellationToken).ConfigureAwait(false);
                sink.WriteVerbose(connection.Target.DisplayName + ": the journal's rescue session is alive");
                return rescue;
            }
            catch (AmiWebException gone)
            {
                rescue.Abandon();
                sink.WriteVerbose(connection.Target.DisplayName + ": the journal's rescue session is gone (" + gone.Message + ")");
                return null;
            }
        }

        private async Task<EscUpdateModeExitResult> ExitThroughAsync(
            AmiWebSession session, EscUpdateModeExitResult result, UpdateJournal journal, UpdateJournalEntry? entry, ExitAttempt exit, IOperationSink sink, CancellationToken cancellationToken)
        {
            var host = result.ComputerName;
            if (result.FwUpdateId is not int id)
            {
                throw FwUpdateIdUnknown(host);
            }
            var finisher = new StagedFlashFinisher(session, Settings, sink);
            var componentId = entry?.ComponentId;
            var dataLength = entry?.ComponentDataLength;
            var status = componentId.HasValue ? await finisher.ReadStatusAsync(id, componentId.Value, cancellationToken).ConfigureAwait(false) : StagedFlashStatus.Unknown;
            // 1442 only says no write was started; the upload itself is complete only if the journal recorded it.
            if (status == StagedFlashStatus.StagedNotFlashed && entry?.UploadStaged != true) status = StagedFlashStatus.Unknown;
            sink.WriteVerbose(host + ": FWUPDATEID " + Number(id) + ", staged component " + (componentId.HasValue ? Number(componentId.Value) : "unknown") + ": " + status);
            if (status == StagedFlashStatus.Flashing)
            {
                throw ComponentBeingWritten(host, componentId!.Value);
            }
            if (status == StagedFlashStatus.Unknown && entry != null && entry.IsOpen && entry.FlashSent
                && DateTimeOffset.UtcNow - entry.PhaseSince < Settings.FlashRunningWindow)
            {
                throw FlashMayBeRunning(host, JournalEvidence.When(entry.PhaseSince, DateTimeOffset.UtcNow));
            }
            var complete = _options.CompleteFlash && dataLength.HasValue && (status == StagedFlashStatus.StagedNotFlashed || status == StagedFlashStatus.Flashed);
            if (complete) await RequireHostOffForBiosAsync(session, componentId!.Value, cancellationToken).ConfigureAwait(false);

            var plan = Plan(id, componentId, status, complete);
            if (!await sink.ShouldProcessAsync(host, plan, cancellationToken).ConfigureAwait(false))
            {
                result.Action = _options.WhatIf ? UpdateModeExitAction.WhatIf : UpdateModeExitAction.Declined;
                result.Message = (_options.WhatIf ? "What if: " : "Declined: ") + plan + ". Nothing was sent.";
                result.Remedy = Phrase.Of($"Run {(complete ? EscCommand.ExitUpdateMode.For(host, EscParameter.CompleteFlash) : EscCommand.ExitUpdateMode.For(host))} without {EscParameter.WhatIf} to do it.").ToString();
                return result;
            }

            var flashNote = string.Empty;
            var flashOk = true;
            if (complete)
            {
                if (status == StagedFlashStatus.StagedNotFlashed)
                {
                    if (entry != null)
                    {
                        entry.FlashSent = true;
                        journal.RecordPhase(entry, "Flashing", Phrase.Of($"hpm/flash sent by {EscCommand.ExitUpdateMode.With(EscParameter.CompleteFlash)}").ToString());
                    }
                    flashOk = await finisher.FlashAsync(id, componentId!.Value, dataLength!.Value, cancellationToken).ConfigureAwait(false);
                }
                if (flashOk)
                {
                    if (entry != null) journal.RecordPhase(entry, "Verifying");
                    flashOk = await finisher.VerifyAndActivateAsync(id, componentId!.Value, dataLength!.Value, cancellationToken).ConfigureAwait(false);
                }
                flashNote = flashOk
                    ? "The staged flash of component " + Number(componentId!.Value) + " was written, verified and activated. "
                    : "The staged flash of component " + Number(componentId!.Value) + " FAILED (the BMC reported -1); the firmware may be damaged. ";
            }
            else if (status == StagedFlashStatus.StagedNotFlashed)
            {
                flashNote = "An upload was staged but hpm/flash was never sent (upgradestatus 1442); it was discarded, the firmware is unchanged. ";
            }
            else if (status == StagedFlashStatus.Failed)
            {
                flashNote = "The BMC reports the flash as failed (PROGRESS -1); the firmware may be damaged. ";
            }

            var exitRequest = HpmWizardRequests.ExitUpdateMode(id);
            await session.PutJsonAsync(exitRequest.Path, exitRequest.Body, cancellationToken).ConfigureAwait(false);
            exit.Accepted = true;
            result.Action = complete && flashOk ? UpdateModeExitAction.FlashCompleted : UpdateModeExitAction.Exited;
            if (entry != null) journal.ExitedUpdateMode(entry);
            sink.WriteVerbose(host + ": exitupdatemode accepted for FWUPDATEID " + Number(id));
            result.Recovered = await ConfirmOutAsync(session.Connection, sink, cancellationToken).ConfigureAwait(false);
            result.Message = flashNote + (result.Recovered
                ? "The BMC left update mode: a fresh web login works and Redfish answers 200."
                : "exitupdatemode was accepted, but the BMC still refuses fresh logins or Redfish does not answer 200.");
            result.Remedy = (!result.Recovered
                ? Phrase.Of($"Run {EscCommand.GetBmcState.For(host)} in 3 minutes. If logins are still refused with 1348: {AcPowerDrain.Remedy(host)}")
                : result.Action == UpdateModeExitAction.FlashCompleted
                    ? Phrase.Of($"Power the host on; its first POST after a BIOS flash takes 5–15 minutes. Then check the version with {EscCommand.GetFirmwareVersion.For(host)}.")
                    : flashNote.Length > 0
                        ? "Run the interrupted update again (for a BIOS: with the host off)."
                        : "None: the BMC is out of update mode. Run the interrupted update again if it did not finish.").ToString();
            if (entry != null && entry.IsOpen)
            {
                journal.Finish(entry, result.Action == UpdateModeExitAction.FlashCompleted ? "Succeeded" : "Failed",
                    Phrase.Of($"Update mode exited by {EscCommand.ExitUpdateMode} ({result.Action}). {result.Message}").ToString());
            }
            return result;
        }

        private static async Task RequireHostOffForBiosAsync(AmiWebSession session, int componentId, CancellationToken cancellationToken)
        {
            if (componentId != 2 && componentId != 4) return;
            var chassis = await session.GetJsonAsync(ChassisStatusPath, cancellationToken).ConfigureAwait(false);
            var on = chassis.ValueKind == JsonValueKind.Object && chassis.TryGetProperty("power_status", out var power)
                     && power.ValueKind == JsonValueKind.Number && power.GetInt32() != 0;
            if (!on) return;
            var host = session.Connection.Target.DisplayName;
            throw HostOnForStagedBios(host);
        }

        private string Plan(int id, int? componentId, StagedFlashStatus status, bool complete)
        {
            var fw = "FWUPDATEID " + Number(id);
            if (complete && status == StagedFlashStatus.StagedNotFlashed)
                return "finish the staged flash of component " + Number(componentId!.Value) + " (hpm/flash, verify, activate; the host is off), then leave update mode (" + fw + ")";
            if (complete)
                return "verify and activate the flashed component " + Number(componentId!.Value) + ", then leave update mode (" + fw + ")";
            if (status == StagedFlashStatus.StagedNotFlashed)
                return "leave update mode (" + fw + "); the staged upload of component " + Number(componentId!.Value) + Phrase.Of($" was never flashed and is discarded ({EscParameter.CompleteFlash} would finish it instead)").ToString();
            return "leave firmware-update mode (" + fw + ") through the journal's rescue session";
        }

        /// <summary>Bounded: a fresh web login (logged out at once) and Redfish 200, tried a few times while the BMC restarts its services.</summary>
        private async Task<bool> ConfirmOutAsync(BmcConnection connection, IOperationSink sink, CancellationToken cancellationToken)
        {
            var attempts = Math.Max(1, Settings.ExitConfirmAttempts);
            for (var attempt = 1; attempt <= attempts; attempt++)
            {
                if (attempt > 1) await Task.Delay(Settings.ExitConfirmDelay, cancellationToken).ConfigureAwait(false);
                try
                {
                    var fresh = await AmiWebSession.LoginAsync(connection, _request.Credential, cancellationToken).ConfigureAwait(false);
                    await fresh.LogoutAsync().ConfigureAwait(false);
                    var redfish = await connection.SendOnceAsync(new RestRequest(RedfishDiscovery.ServiceRootPath, Method.Get), cancellationToken).ConfigureAwait(false);
                    if ((int)redfish.StatusCode == 200) return true;
                    sink.WriteVerbose(connection.Target.DisplayName + ": Redfish answers " + (int)redfish.StatusCode + " after the exit; checking again");
                }
                catch (EscFirmwareException notYet) when (notYet is AmiWebException || notYet.Kind == ErrorKind.ConnectionError || notYet.Kind == ErrorKind.OperationTimeout)
                {
                    sink.WriteVerbose(connection.Target.DisplayName + ": not out of update mode yet (" + notYet.Message + ")");
                }
            }
            return false;
        }

        private static EscUpdateModeExitResult Impossible(EscUpdateModeExitResult result, UpdateJournalEntry? entry)
        {
            var host = result.ComputerName;
            result.Action = UpdateModeExitAction.Impossible;
            result.Recovered = false;
            result.SessionUsed = RecoverySessionKind.None;
            result.Message = host + " is locked in firmware-update mode (web login refused with code 1348) and "
                + (entry?.RescueSession != null ? "the rescue session the journal recorded no longer works" : "no web session from before the lock is known")
                + ". No remote exit is possible without a surviving session: " + AcPowerDrain.WhyNoRemoteExit;
            result.Remedy = AcPowerDrain.Remedy(host).ToString();
            return result;
        }

        private static EscUpdateModeExitResult NotNeeded(EscUpdateModeExitResult result, UpdateJournal journal, UpdateJournalEntry? entry)
        {
            result.Action = UpdateModeExitAction.NotNeeded;
            result.Recovered = true;
            result.Message = "A fresh web login works, so " + result.ComputerName + " is not in firmware-update mode; nothing was sent.";
            result.Remedy = "None.";
            if (entry != null && entry.InUpdateMode) journal.ExitedUpdateMode(entry);
            if (entry != null && entry.IsOpen) journal.Finish(entry, "Failed", Phrase.Of($"Interrupted; {EscCommand.ExitUpdateMode} found the BMC out of update mode.").ToString());
            return result;
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Whether the BMC accepted exitupdatemode: only then may the rescue session be logged out.</summary>
        private sealed class ExitAttempt
        {
            public bool Accepted { get; set; }
        }

        private static EscFirmwareException FwUpdateIdUnknown(string host) =>
            new EscFirmwareException("EscFwUpdateIdUnknown", ErrorKind.InvalidArgument,
                Phrase.Of($"{host}: a web session survives, but neither the journal nor {EscParameter.FwUpdateId} gives the FWUPDATEID that exitupdatemode needs."),
                recommendedAction: Phrase.Of($"Find the FWUPDATEID in the log of the run that entered update mode and pass {EscParameter.FwUpdateId}; otherwise {AcPowerDrain.Remedy(host)}"));

        private static EscFirmwareException ComponentBeingWritten(string host, int componentId) =>
            new EscFirmwareException("EscFlashInProgress", ErrorKind.ResourceUnavailable,
                host + ": the BMC is writing component " + Number(componentId) + " right now (upgradestatus below 100); leaving update mode would cut the write off. Nothing was sent.",
                recommendedAction: Phrase.Of($"Wait; run {EscCommand.GetBmcState.For(host)} in 10 minutes and {EscCommand.ExitUpdateMode.For(host, EscParameter.CompleteFlash)} once the write has finished."));

        private static EscFirmwareException FlashMayBeRunning(string host, string startedWhen) =>
            new EscFirmwareException("EscFlashInProgress", ErrorKind.ResourceUnavailable,
                host + ": the journal says a flash was started " + startedWhen
                + " and the BMC's progress cannot be read to prove it has ended; leaving update mode could cut a running write off. Nothing was sent.",
                recommendedAction: Phrase.Of($"Wait; run {EscCommand.GetBmcState.For(host)} again in 10 minutes. Once the flash-running window has passed, {EscCommand.ExitUpdateMode.For(host)} proceeds."));

        private static EscFirmwareException HostOnForStagedBios(string host) =>
            new EscFirmwareException("EscHostPoweredOn", ErrorKind.InvalidOperation,
                host + ": the host is on; a BIOS is never flashed while the host runs, so the staged flash was not finished. Nothing was sent.",
                recommendedAction: Phrase.Of($"Run {EscCommand.ExitUpdateMode.For(host)} without {EscParameter.CompleteFlash} (the staged upload is discarded), shut the host down, then run the BIOS update again."));
    }
}
