using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Ami;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Safety;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Wording;
using RestSharp;

namespace EscFirmware.Core.Recovery
{
    /// <summary>
    /// Leaving update mode on one BMC, as a state machine run by the shared <see cref="StepRunner{TPhase}"/>, inside an
    /// <see cref="UpdateScope"/> that holds the per-BMC lock (so it never acts under another process's live update),
    /// the connection and the surviving session. The rescue session is logged out only once update mode is over; until
    /// then it is the only way out and is left to the journal. Once the confirmed exit started, a stop still ends it:
    /// a running SPI write (-CompleteFlash) is waited out, then update mode is left.
    /// </summary>
    internal sealed class UpdateModeExit
    {
        private const int MaxSteps = 12;
        private const int UpdateModeLoginBlocked = 1348;
        private const string ChassisStatusPath = "/api/chassis-status";
        private readonly BmcFleetRequest _request;
        private readonly ExitUpdateModeOptions _options;
        private readonly BmcTarget _target;
        private readonly IOperationSink _sink;
        private readonly bool _planOnly;
        private readonly UpdateScope _scope;
        private readonly StepRunner<ExitUpdateModePhase> _steps;
        private readonly EscUpdateModeExitResult _result;
        private BmcConnection? _connection;
        private AmiWebSession? _session;
        private StagedFlashFinisher? _finisher;
        private StagedFlashStatus _status;
        private UndoStep? _leaveUpdateMode;
        private bool _complete;
        private bool _flashOk = true;
        private bool _flashRunning;
        private bool _exitAccepted;
        private string _flashNote = string.Empty;
        private string? _journalOutcome;

        public UpdateModeExit(BmcFleetRequest request, ExitUpdateModeOptions options, BmcTarget target, IOperationSink sink, bool planOnly)
        {
            _request = request;
            _options = options;
            _target = target;
            _sink = sink;
            _planOnly = planOnly;
            _scope = new UpdateScope(target);
            _steps = new StepRunner<ExitUpdateModePhase>(target.DisplayName, ExitUpdateModePhase.Done, MaxSteps);
            _result = new EscUpdateModeExitResult { ComputerName = target.DisplayName };
        }

        private RecoverySettings Settings => _options.Settings;
        private string Host => _target.DisplayName;
        private UpdateJournalEntry? Entry => _scope.Entry;

        /// <summary>After planning: what ShouldProcess asks, when there is an exit to do (else the result says why not).</summary>
        public string? PlanText { get; private set; }

        public async Task<EscUpdateModeExitResult> RunAsync(CancellationToken cancellationToken)
        {
            var outcome = await _steps.RunAsync(ExitUpdateModePhase.Lock, phase => StepAsync(phase, cancellationToken), cancellationToken).ConfigureAwait(false);
            EscFirmwareException? failure = outcome.Failure;
            if (outcome.Stopped)
            {
                failure = new EscFirmwareException("EscOperationStopped", ErrorKind.OperationStopped,
                    Host + ": stopped by the user during " + outcome.Phase + (_exitAccepted ? " after update mode was left." : _leaveUpdateMode != null ? "; update mode is left by the cleanup." : "; nothing was sent."));
                _journalOutcome = _leaveUpdateMode != null ? "Stopped" : null;
            }
            var cleanup = await _scope.CloseAsync(_planOnly ? null : _journalOutcome, JournalMessage).ConfigureAwait(false);

            // Reporting starts here, after every safety step is done.
            var problems = CleanupReport.Problems(cleanup);
            if (problems != null)
            {
                _sink.WriteWarning(Host + ": " + problems);
                _result.Message = (_result.Message + " " + problems).Trim();
            }
            if (failure != null) throw failure;
            return _result;
        }

        /// <summary>-WhatIf or a declined prompt, for a planned exit.</summary>
        public EscUpdateModeExitResult NotApproved(bool whatIf)
        {
            _result.Action = whatIf ? UpdateModeExitAction.WhatIf : UpdateModeExitAction.Declined;
            _result.Message = (whatIf ? "What if: " : "Declined: ") + PlanText + ". Nothing was sent.";
            _result.Remedy = Phrase.Of($"Run {(_complete ? EscCommand.ExitUpdateMode.For(Host, EscParameter.CompleteFlash) : EscCommand.ExitUpdateMode.For(Host))} without {EscParameter.WhatIf} to do it.").ToString();
            return _result;
        }

        private Task<ExitUpdateModePhase> StepAsync(ExitUpdateModePhase phase, CancellationToken cancellationToken)
        {
            switch (phase)
            {
                case ExitUpdateModePhase.Lock: return LockAsync();
                case ExitUpdateModePhase.Inspect: return InspectAsync(cancellationToken);
                case ExitUpdateModePhase.Confirm: return ConfirmAsync();
                case ExitUpdateModePhase.CompleteFlash: return CompleteFlashAsync(cancellationToken);
                case ExitUpdateModePhase.Exit: return ExitAsync();
                case ExitUpdateModePhase.ConfirmOut: return ConfirmOutAsync(cancellationToken);
                default: throw new ArgumentOutOfRangeException(nameof(phase));
            }
        }

        /// <summary>Taken while planning too, so that -WhatIf already names a running update instead of planning under it.</summary>
        private Task<ExitUpdateModePhase> LockAsync()
        {
            _scope.TakeLock(EscCommand.ExitUpdateMode.ToString());
            return Task.FromResult(ExitUpdateModePhase.Inspect);
        }

        private async Task<ExitUpdateModePhase> InspectAsync(CancellationToken cancellationToken)
        {
            var journal = new UpdateJournal(StateFolder.Journals(Settings.JournalPath), _target);
            var entry = journal.Read();
            // Planning (-WhatIf, a declined prompt, the look before asking) leaves the journal as it found it: its cleanup
            // notes would move Phase and PhaseSince, and so what the next run concludes about a flash that may be running.
            if (!_planOnly) _scope.AdoptJournal(journal, entry);
            _result.FwUpdateId = _options.FwUpdateId ?? entry?.FwUpdateId;
            var connection = _connection = _request.Connect(_target, _sink);
            _scope.OnUndo("close the connection", TimeSpan.FromSeconds(5), _ => { connection.Dispose(); return Task.CompletedTask; });
            // The rescue session is the only way out while update mode lasts: logged out only once update mode is over.
            _scope.OnUndo("log out or keep the rescue session", connection.Settings.LogoutTimeout, _ =>
            {
                if (_session == null) return Task.CompletedTask;
                if (_exitAccepted) return _session.LogoutAsync();
                _session.Abandon();
                return Task.CompletedTask;
            });
            _session = await RescueSessionAsync(connection, entry, cancellationToken).ConfigureAwait(false);
            _result.SessionUsed = _session != null ? RecoverySessionKind.JournalRescueSession : RecoverySessionKind.None;
            if (_session == null) return await WithoutRescueSessionAsync(connection, journal, entry, cancellationToken).ConfigureAwait(false);

            if (_result.FwUpdateId is not int id)
            {
                throw FwUpdateIdUnknown(Host);
            }
            _finisher = new StagedFlashFinisher(_session, Settings, _sink);
            var componentId = entry?.ComponentId;
            _status = componentId.HasValue ? await _finisher.ReadStatusAsync(id, componentId.Value, cancellationToken).ConfigureAwait(false) : StagedFlashStatus.Unknown;
            // 1442 only says no write was started; the upload itself is complete only if the journal recorded it.
            if (_status == StagedFlashStatus.StagedNotFlashed && entry?.UploadStaged != true) _status = StagedFlashStatus.Unknown;
            _sink.WriteVerbose(Host + ": FWUPDATEID " + Number(id) + ", staged component " + (componentId.HasValue ? Number(componentId.Value) : "unknown") + ": " + _status);
            if (_status == StagedFlashStatus.Flashing)
            {
                throw ComponentBeingWritten(Host, componentId!.Value);
            }
            if (_status == StagedFlashStatus.Unknown && entry != null && entry.IsOpen && entry.FlashSent
                && DateTimeOffset.UtcNow - entry.PhaseSince < Settings.FlashRunningWindow)
            {
                throw FlashMayBeRunning(Host, JournalEvidence.When(entry.PhaseSince, DateTimeOffset.UtcNow));
            }
            _complete = _options.CompleteFlash && entry?.ComponentDataLength != null && (_status == StagedFlashStatus.StagedNotFlashed || _status == StagedFlashStatus.Flashed);
            if (_complete) await RequireHostOffForBiosAsync(_session, componentId!.Value, cancellationToken).ConfigureAwait(false);
            PlanText = Plan(id, componentId, _status, _complete, _options.CompleteFlash);
            return ExitUpdateModePhase.Confirm;
        }

        private Task<ExitUpdateModePhase> ConfirmAsync()
        {
            if (_planOnly) return Task.FromResult(ExitUpdateModePhase.Done);
            // From here a stop still leaves update mode, after waiting out any SPI write this run started.
            _leaveUpdateMode = _scope.OnUndo("leave update mode", Settings.FlashTimeout + TimeSpan.FromMinutes(1), LeaveAfterStopAsync);
            _journalOutcome = "Failed";
            return Task.FromResult(_complete ? ExitUpdateModePhase.CompleteFlash : ExitUpdateModePhase.Exit);
        }

        private async Task<ExitUpdateModePhase> CompleteFlashAsync(CancellationToken cancellationToken)
        {
            var id = _result.FwUpdateId!.Value;
            var componentId = Entry!.ComponentId!.Value;
            var dataLength = Entry.ComponentDataLength!.Value;
            if (_status == StagedFlashStatus.StagedNotFlashed)
            {
                Entry.FlashSent = true;
                _scope.Record("Flashing", Phrase.Of($"hpm/flash sent by {EscCommand.ExitUpdateMode.With(EscParameter.CompleteFlash)}").ToString());
                _flashRunning = true;
                // Sent once; its wait is never cut off by a stop (the undo step would wait it out anyway).
                _flashOk = await _finisher!.FlashAsync(id, componentId, dataLength, CancellationToken.None).ConfigureAwait(false);
                _flashRunning = false;
                _scope.Record(_flashOk ? "Flashed" : "FlashFailed");
            }
            if (_flashOk)
            {
                _scope.Record("Verifying");
                _flashOk = await _finisher!.VerifyAndActivateAsync(id, componentId, dataLength, cancellationToken).ConfigureAwait(false);
                if (_flashOk) _scope.Record("Activated");
            }
            _flashNote = _flashOk
                ? "The staged flash of component " + Number(componentId) + " was written, verified and activated. "
                : "The staged flash of component " + Number(componentId) + " FAILED (the BMC reported -1); the firmware may be damaged. ";
            return ExitUpdateModePhase.Exit;
        }

        private async Task<ExitUpdateModePhase> ExitAsync()
        {
            if (!_complete && _status == StagedFlashStatus.StagedNotFlashed)
                _flashNote = "An upload was staged but hpm/flash was never sent (upgradestatus 1442); it was discarded, the firmware is unchanged. ";
            else if (!_complete && _status == StagedFlashStatus.Failed)
                _flashNote = "The BMC reports the flash as failed (PROGRESS -1); the firmware may be damaged. ";
            if (_options.CompleteFlash && !_complete)
            {
                _flashNote += Phrase.Of($"{EscParameter.CompleteFlash} was asked, but there is no staged upload that can be finished ({WhyNotFinishable(_status, Entry)}): ").ToString()
                    + "leaving update mode discarded whatever was uploaded, and nothing was flashed by this run. ";
            }
            using (var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
            {
                await SendExitAsync(bound.Token).ConfigureAwait(false);
            }
            _scope.Forget(_leaveUpdateMode);
            _result.Action = _complete && _flashOk ? UpdateModeExitAction.FlashCompleted : UpdateModeExitAction.Exited;
            _journalOutcome = _result.Action == UpdateModeExitAction.FlashCompleted ? "Succeeded" : "Failed";
            return ExitUpdateModePhase.ConfirmOut;
        }

        private async Task SendExitAsync(CancellationToken bound)
        {
            var exitRequest = HpmWizardRequests.ExitUpdateMode(_result.FwUpdateId!.Value);
            await _session!.PutJsonAsync(exitRequest.Path, exitRequest.Body, bound).ConfigureAwait(false);
            _exitAccepted = true;
            if (Entry != null) _scope.Journal!.ExitedUpdateMode(Entry);
            _sink.WriteVerbose(Host + ": exitupdatemode accepted for FWUPDATEID " + Number(_result.FwUpdateId.Value));
        }

        /// <summary>The undo step after a stop: an SPI write this run started is waited out, then update mode is left.</summary>
        private async Task LeaveAfterStopAsync(CancellationToken bound)
        {
            if (_flashRunning && Entry?.ComponentId is int componentId)
            {
                await _finisher!.WaitForFlashAsync(_result.FwUpdateId!.Value, componentId, CancellationToken.None).ConfigureAwait(false);
                _scope.Record("Flashed", "the SPI write ended after the stop");
            }
            await SendExitAsync(bound).ConfigureAwait(false);
            _result.Action = UpdateModeExitAction.Exited;
        }

        private async Task<ExitUpdateModePhase> ConfirmOutAsync(CancellationToken cancellationToken)
        {
            _result.Recovered = await ConfirmedOutAsync(_connection!, cancellationToken).ConfigureAwait(false);
            _result.Message = _flashNote + (_result.Recovered
                ? "The BMC left update mode: a fresh web login works and Redfish answers 200."
                : "exitupdatemode was accepted, but the BMC still refuses fresh logins or Redfish does not answer 200.");
            _result.Remedy = (!_result.Recovered
                ? Phrase.Of($"Run {EscCommand.GetBmcState.For(Host)} in 3 minutes. If logins are still refused with 1348: {AcPowerDrain.Remedy(Host)}")
                : _result.Action == UpdateModeExitAction.FlashCompleted
                    ? Phrase.Of($"Power the host on; its first POST after a BIOS flash takes 5–15 minutes. Then check the version with {EscCommand.GetFirmwareVersion.For(Host)}.")
                    : _flashNote.Length > 0
                        ? "Run the interrupted update again (for a BIOS: with the host off)."
                        : "None: the BMC is out of update mode. Run the interrupted update again if it did not finish.").ToString();
            return ExitUpdateModePhase.Done;
        }

        private string? JournalMessage() =>
            _journalOutcome == "Stopped"
                ? Phrase.Of($"{EscCommand.ExitUpdateMode} was stopped by the user{(_flashRunning || Entry?.FlashSent == true ? " after hpm/flash was sent; the SPI write was waited out" : string.Empty)}.").ToString()
                : Phrase.Of($"Update mode exited by {EscCommand.ExitUpdateMode} ({_result.Action}). {_result.Message}").ToString();

        private async Task<ExitUpdateModePhase> WithoutRescueSessionAsync(BmcConnection connection, UpdateJournal journal, UpdateJournalEntry? entry, CancellationToken cancellationToken)
        {
            AmiWebSession fresh;
            try
            {
                fresh = await AmiWebSession.LoginAsync(connection, _request.Credential, cancellationToken).ConfigureAwait(false);
            }
            catch (AmiWebException locked) when (locked.Code == UpdateModeLoginBlocked)
            {
                Impossible(_result, entry);
                return ExitUpdateModePhase.Done;
            }
            await fresh.LogoutAsync().ConfigureAwait(false);
            _result.SessionUsed = RecoverySessionKind.NewLogin;
            NotNeeded(_result, journal, entry);
            return ExitUpdateModePhase.Done;
        }

        /// <summary>The journal's rescue session, if it still answers a read.</summary>
        private async Task<AmiWebSession?> RescueSessionAsync(BmcConnection connection, UpdateJournalEntry? entry, CancellationToken cancellationToken)
        {
            var handle = entry == null ? null : UpdateJournal.RescueHandleOf(entry);
            if (handle == null) return null;
            var rescue = AmiWebSession.Attach(connection, handle);
            try
            {
                await rescue.GetJsonAsync(ChassisStatusPath, cancellationToken).ConfigureAwait(false);
                _sink.WriteVerbose(connection.Target.DisplayName + ": the journal's rescue session is alive");
                return rescue;
            }
            catch (AmiWebException gone)
            {
                rescue.Abandon();
                _sink.WriteVerbose(connection.Target.DisplayName + ": the journal's rescue session is gone (" + gone.Message + ")");
                return null;
            }
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

        /// <summary>Bounded: a fresh web login (logged out at once) and Redfish 200, tried a few times while the BMC restarts its services.</summary>
        private async Task<bool> ConfirmedOutAsync(BmcConnection connection, CancellationToken cancellationToken)
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
                    _sink.WriteVerbose(connection.Target.DisplayName + ": Redfish answers " + (int)redfish.StatusCode + " after the exit; checking again");
                }
                catch (EscFirmwareException notYet) when (notYet is AmiWebException || notYet.Kind == ErrorKind.ConnectionError || notYet.Kind == ErrorKind.OperationTimeout)
                {
                    _sink.WriteVerbose(connection.Target.DisplayName + ": not out of update mode yet (" + notYet.Message + ")");
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

        private static string Plan(int id, int? componentId, StagedFlashStatus status, bool complete, bool completeAsked)
        {
            var fw = "FWUPDATEID " + Number(id);
            if (complete && status == StagedFlashStatus.StagedNotFlashed)
                return "finish the staged flash of component " + Number(componentId!.Value) + " (hpm/flash, verify, activate; the host is off), then leave update mode (" + fw + ")";
            if (complete)
                return "verify and activate the flashed component " + Number(componentId!.Value) + ", then leave update mode (" + fw + ")";
            if (completeAsked)
                return "leave update mode (" + fw + "); no staged upload can be finished, so anything uploaded is discarded";
            if (status == StagedFlashStatus.StagedNotFlashed)
                return "leave update mode (" + fw + "); the staged upload of component " + Number(componentId!.Value) + Phrase.Of($" was never flashed and is discarded ({EscParameter.CompleteFlash} would finish it instead)").ToString();
            return "leave firmware-update mode (" + fw + ") through the journal's rescue session";
        }

        private static string WhyNotFinishable(StagedFlashStatus status, UpdateJournalEntry? entry)
        {
            if (status == StagedFlashStatus.Failed) return "the BMC reports the flash failed";
            if (entry == null) return "no journal entry for this BMC records an upload";
            if (!entry.UploadStaged) return "the journal records no completed upload";
            if (entry.ComponentDataLength == null || entry.ComponentId == null) return "the journal does not record the component and its length";
            return "the BMC does not confirm a staged upload";
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static EscFirmwareException FwUpdateIdUnknown(string host) =>
            new EscFirmwareException("EscFwUpdateIdUnknown", ErrorKind.InvalidArgument,
                Phrase.Of($"{host}: a web session survives, but neither the journal nor {EscParameter.FwUpdateId} gives the FWUPDATEID that exitupdatemode needs."),
                recommendedAction: Phrase.Of($"Find the FWUPDATEID in the log of the run that entered update mode and pass {EscParameter.FwUpdateId}. Otherwise: {AcPowerDrain.Remedy(host)}"));

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
