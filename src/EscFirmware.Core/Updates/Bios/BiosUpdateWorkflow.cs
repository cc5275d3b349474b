using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Safety;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Versions;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>
    /// One BIOS update of one BMC through the HPM wizard (spec b.3), as a state machine run by the shared
    /// <see cref="StepRunner{TPhase}"/>: one step per <see cref="BiosUpdatePhase"/>. Planning runs the read-only
    /// pre-flight and stops at Confirm; an approved run checks again and goes on. Every resource registers its undo step
    /// with the <see cref="UpdateScope"/> as it is acquired — "leave update mode" the moment a FWUPDATEID exists, which
    /// waits out a running SPI write first — and the scope undoes them whatever happened (an error, a stop, a lost
    /// session), journals each outcome and releases the lock before anything is reported. Web sessions are logged out as
    /// soon as update mode is left; the POST wait reads through one Redfish session.
    /// </summary>
    internal sealed class BiosUpdateWorkflow
    {
        private const int MaxSteps = 32;
        private const int UpdateModeLoginBlocked = 1348;
        private const string LeaveUpdateModeStep = "leave update mode";
        private readonly BmcFleetRequest _request;
        private readonly BiosUpdateOptions _options;
        private readonly BiosUpdateSettings _settings;
        private readonly BiosImagePlan _plan;
        private readonly BmcTarget _target;
        private readonly IOperationSink _sink;
        private readonly HostProgress _progress;
        private readonly CancellationToken _stop;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly EscFirmwareUpdateResult _result;
        private readonly bool _planOnly;
        private readonly UpdateScope _scope;
        private readonly StepRunner<BiosUpdatePhase> _steps;

        private BmcConnection? _connection;
        private RedfishSession? _redfish;
        private AmiWebSession? _primary;
        private AmiWebSession? _rescue;
        private RescueKeepAlive? _keepAlive;
        private HpmWizardClient? _wizard;
        private BmcInventory? _inventory;
        private UndoStep? _logoutPrimary;
        private UndoStep? _logoutRescue;
        private UndoStep? _stopKeepAlive;
        private UndoStep? _leaveUpdateMode;
        private int? _fwUpdateId;
        private bool _shutDownByUs;
        private bool _spiWriteMayRun;
        private bool _written;

        /// <param name="planOnly">Stop at Confirm with <see cref="PlanText"/>: the read-only pre-flight of plan, confirm, execute.</param>
        public BiosUpdateWorkflow(BmcFleetRequest request, BiosUpdateOptions options, BiosImagePlan plan, BmcTarget target,
            IOperationSink sink, int parentActivityId, bool planOnly, CancellationToken stop)
        {
            _planOnly = planOnly;
            _scope = new UpdateScope(target);
            _request = request;
            _options = options;
            _settings = options.Settings;
            _plan = plan;
            _target = target;
            _sink = sink;
            _stop = stop;
            _progress = new HostProgress(sink, target.DisplayName, parentActivityId);
            _result = new EscFirmwareUpdateResult { ComputerName = target.DisplayName, Component = FirmwareComponent.Bios, ToVersion = plan.Version };
            _steps = new StepRunner<BiosUpdatePhase>(target.DisplayName, BiosUpdatePhase.Done, MaxSteps, phase => _settings.PhaseObserver?.Invoke(Host, phase));
        }

        /// <summary>After planning: what ShouldProcess asks, when the pre-flight found an update to do (else the result says why not).</summary>
        public string? PlanText { get; private set; }

        private string Host => _target.DisplayName;

        public async Task<EscFirmwareUpdateResult> RunAsync()
        {
            var outcome = await _steps.RunAsync(BiosUpdatePhase.PreFlight, StepAsync, _stop).ConfigureAwait(false);
            if (outcome.Stopped) Finish(UpdateStatus.Failed, "EscOperationStopped", string.Empty);
            else if (outcome.Failure != null)
            {
                var failed = outcome.Failure;
                _result.Failure = OperationError.FromException(failed, Host);
                Finish(UpdateStatus.Failed, failed.ErrorId, failed.Message + (failed.RecommendedAction != null ? " " + failed.RecommendedAction : string.Empty));
            }
            var cleanup = await _scope.CloseAsync(Outcome(), () => outcome.Stopped ? _result.Message = StoppedMessage() : _result.Message).ConfigureAwait(false);
            if (outcome.Stopped && string.IsNullOrEmpty(_result.Message)) _result.Message = StoppedMessage();

            // Reporting starts here, after every safety step is done.
            if (cleanup.Any(o => o.Name == LeaveUpdateModeStep && !o.Succeeded))
            {
                _result.Message += " LEAVING UPDATE MODE FAILED." + Phrase.Of($" Run {EscCommand.ExitUpdateMode.For(Host)} now (the journal keeps the FWUPDATEID and the rescue session); if no session survives, only an AC power drain recovers it.").ToString();
            }
            CleanupReport.AddProblems(_result, cleanup, _sink);
            if (outcome.Stopped) _result.Message += " " + StopNextStep();
            _result.Phase = (outcome.Completed && _result.Status == UpdateStatus.Succeeded ? BiosUpdatePhase.Done : _steps.Phase).ToString();
            _result.Duration = _clock.Elapsed;
            _progress.Done(_planOnly && PlanText != null ? "Planned" : _result.Status.ToString());
            return _result;
        }

        /// <summary>-WhatIf or a declined prompt, for a planned update.</summary>
        public EscFirmwareUpdateResult NotApproved(bool whatIf)
        {
            Finish(whatIf ? UpdateStatus.WhatIf : UpdateStatus.Skipped, null, whatIf ? PlanText! : "Declined: " + PlanText);
            _result.Phase = BiosUpdatePhase.Confirm.ToString();
            return _result;
        }

        /// <summary>What a stop left behind, in the words the journal keeps (Get-EscBmcState and Exit-EscUpdateMode read it).</summary>
        private string StoppedMessage()
        {
            var during = "Stopped by the user during " + _steps.Phase;
            if (_written) return "Stopped by the user after the image was written; " + SkippedAfterWrite() + ".";
            if (_spiWriteMayRun) return during + ", after hpm/flash was sent; the SPI write did not report its end.";
            if (_scope.Entry?.FwUpdateId != null) return during + "; the BIOS was not written" + (_scope.Entry?.UploadStaged == true ? " (the staged upload is discarded when update mode is left)" : string.Empty) + ".";
            return during + "; nothing was written.";
        }

        /// <summary>After a stop, the command to run next, in the words of the front end in use (so not in the journal).</summary>
        private string StopNextStep()
        {
            var again = EscCommand.InvokeBiosUpdate.For(Host, EscParameter.ImagePath.With(_options.Path));
            if (_spiWriteMayRun) return Phrase.Of($"Next: keep the host off, run {EscCommand.GetBmcState.For(Host)} and check the BIOS version before powering on.").ToString();
            if (_written && SkippedAfterWrite() == Activated) return Phrase.Of($"Next: after the host's next POST, {EscCommand.GetFirmwareVersion.For(Host)} shows the new BIOS.").ToString();
            if (_written) return Phrase.Of($"Next: run {EscCommand.GetBmcState.For(Host)} (it should say Healthy), then {again} to write, verify and activate the BIOS again.").ToString();
            return Phrase.Of($"Next: run {again} when ready.").ToString();
        }

        private const string Activated = "verified and activated";

        private string SkippedAfterWrite()
        {
            var entry = _scope.Entry;
            if (entry == null || !entry.History.Any(h => h.Phase == "Verified")) return "verify and activate were skipped";
            return entry.History.Any(h => h.Phase == "Activated") ? Activated : "verified; activate was skipped";
        }

        private Task<BiosUpdatePhase> StepAsync(BiosUpdatePhase phase)
        {
            switch (phase)
            {
                case BiosUpdatePhase.PreFlight: return PreFlightAsync();
                case BiosUpdatePhase.Confirm: return ConfirmAsync();
                case BiosUpdatePhase.PowerGate: return PowerGateAsync();
                case BiosUpdatePhase.ShuttingDown: return ShutDownAsync();
                case BiosUpdatePhase.RescueSession: return OpenRescueSessionAsync();
                case BiosUpdatePhase.EnteringUpdateMode: return EnterUpdateModeAsync();
                case BiosUpdatePhase.Preparing: return PrepareAsync();
                case BiosUpdatePhase.Uploading: return UploadAsync();
                case BiosUpdatePhase.FlashGate: return FlashGateAsync();
                case BiosUpdatePhase.Flashing: return FlashAsync();
                case BiosUpdatePhase.Verifying: return VerifyAsync();
                case BiosUpdatePhase.Activating: return ActivateAsync();
                case BiosUpdatePhase.ExitingUpdateMode: return ExitUpdateModeAsync();
                case BiosUpdatePhase.PoweringOn: return PowerOnAsync();
                case BiosUpdatePhase.WaitingForPost: return WaitForPostAsync();
                default: throw new ArgumentOutOfRangeException(nameof(phase));
            }
        }

        // ---- Pre-flight: read-only ------------------------------------------------------------------------------

        private async Task<BiosUpdatePhase> PreFlightAsync()
        {
            _progress.Phase("PreFlight", "checking the BMC, the host and the image");
            var journal = new UpdateJournal(StateFolder.Journals(_options.JournalPath), _target);
            var previous = journal.Read();
            RefuseWhenJournalSaysUpdateMode(journal, previous);

            var connection = _connection = _scope.Connect(_request, _sink, () => _redfish?.CloseAsync());
            _redfish = await RedfishSession.OpenAsync(_connection, _request.Credential, _stop).ConfigureAwait(false);
            _inventory = await RedfishDiscovery.DiscoverAsync(_redfish, _stop).ConfigureAwait(false);
            _result.FromVersion = _inventory.BiosVersion;
            _result.HostPowerState = _inventory.PowerState;
            CheckIdentity(_inventory);
            RefuseWhenAnotherUpdateRuns(_inventory.UpdateService?.UpdateStatus, _inventory.UpdateService?.UpdateTarget);
            // A web login is refused with 1348 while the BMC is in update mode: the web API's own "busy" signal.
            _logoutPrimary = _scope.OnUndo("log out the primary web session", connection.Settings.LogoutTimeout, _ => _primary?.LogoutAsync() ?? Task.CompletedTask);
            _primary = await AmiWebSession.LoginAsync(_connection, _request.Credential, _stop).ConfigureAwait(false);

            var decision = VersionPolicy.Decide(FirmwareComponent.Bios, _inventory.BiosVersion, _plan.Version, _options.Force, _options.AllowDowngrade);
            if (decision.Kind == VersionDecisionKind.Skip) return Finish(UpdateStatus.Skipped, null, decision.Reason);
            if (decision.Kind == VersionDecisionKind.Refuse) return Finish(UpdateStatus.Failed, decision.ErrorId, decision.Reason);
            var pending = await PendingBiosCheck.PendingReasonAsync(_redfish, _inventory, previous, _plan, _stop).ConfigureAwait(false);
            if (pending != null && !_options.Force) return Finish(UpdateStatus.Pending, null, PendingBiosCheck.WithAdvice(pending));

            var hostOff = await BothSayOffAsync().ConfigureAwait(false);
            if (!hostOff && !_options.ShutdownHost) return RefuseHostOn("");
            PlanText = decision.Reason + "; " + (hostOff ? "host is Off" : "host is " + (_inventory.PowerState ?? "On") + " and will be shut down")
                + (_options.PowerOn ? "; powered on afterwards" : "; left off until its next power-on");
            return BiosUpdatePhase.Confirm;
        }

        /// <summary>Planning ends here with the plan; an approved run takes the lock and starts the journal.</summary>
        private Task<BiosUpdatePhase> ConfirmAsync()
        {
            if (_planOnly) return Task.FromResult(BiosUpdatePhase.Done);
            _scope.TakeLock(EscCommand.InvokeBiosUpdate.CmdletName + " (BIOS " + _inventory!.BiosVersion + " -> " + _plan.Version + ")");
            var entry = _scope.BeginJournal(new UpdateJournal(StateFolder.Journals(_options.JournalPath), _target),
                journal => journal.Begin(EscCommand.InvokeBiosUpdate.CmdletName, "Bios", _plan.Image.Path, _plan.Image.Sha256, _inventory.BiosVersion, _plan.Version));
            entry.ComponentId = _plan.ComponentId;
            entry.ComponentDataLength = _plan.Upload.DataLength;
            return Task.FromResult(BiosUpdatePhase.PowerGate);
        }

        /// <param name="ignore">This run's own entry, once it began (it is not in update mode yet when this is asked).</param>
        private void RefuseWhenJournalSaysUpdateMode(UpdateJournal journal, UpdateJournalEntry? previous, UpdateJournalEntry? ignore = null)
        {
            if (previous != null && previous.InUpdateMode && (ignore == null || previous.StartedAt != ignore.StartedAt || previous.ProcessId != ignore.ProcessId))
            {
                throw new EscFirmwareException("EscBmcUpdateModeLocked", ErrorKind.ResourceUnavailable,
                    Host + ": the journal " + journal.FilePath + " says an earlier update left this BMC in update mode (FWUPDATEID " + previous.FwUpdateId + ").",
                    recommendedAction: Phrase.Of($"Run {EscCommand.ExitUpdateMode.For(Host)} first; the journal keeps what it needs."));
            }
        }

        /// <summary>The image names its manufacturer (IANA 2623 = ASUS); the BMC names its system's manufacturer and model.
        /// The HPM image names no board model, so the model is reported, not compared.</summary>
        private void CheckIdentity(BmcInventory inventory)
        {
            var imageIsAsus = _plan.Image.ManufacturerId == BiosImagePlan.AsusManufacturerId;
            var bmcManufacturer = inventory.Manufacturer;
            if (!imageIsAsus)
            {
                throw BiosUpdateErrors.NotAnAsusImage(Host, _plan.Image.ManufacturerId.ToString());
            }
            if (!string.IsNullOrEmpty(bmcManufacturer) && bmcManufacturer!.IndexOf("ASUS", StringComparison.OrdinalIgnoreCase) < 0)
            {
                throw BiosUpdateErrors.NotAnAsusServer(Host, bmcManufacturer);
            }
            _sink.WriteVerbose(Host + ": identity checks: image manufacturer " + BiosImagePlan.AsusManufacturerId + " (ASUS) "
                + (string.IsNullOrEmpty(bmcManufacturer) ? "(the BMC does not name the manufacturer: not compared)" : "matches '" + bmcManufacturer + "'")
                + "; model '" + (inventory.Model ?? "unknown") + "' not compared (the HPM image names no board); BIOS component " + _plan.Upload.Component + ".");
        }

        private void RefuseWhenAnotherUpdateRuns(string? status, string? target)
        {
            if (!string.IsNullOrEmpty(status) && !string.Equals(status, "Completed", StringComparison.OrdinalIgnoreCase))
            {
                throw new EscFirmwareException("EscBmcUpdateAlreadyRunning", ErrorKind.ResourceUnavailable,
                    Host + ": the BMC reports an update in progress (UpdateService status '" + status + "', target '" + target + "').",
                    recommendedAction: Phrase.Of($"Wait for it to finish ({EscCommand.GetBmcState.For(Host)}); never run two flashes of one BMC at once."));
            }
        }

        // ---- Power gates -----------------------------------------------------------------------------------------

        private async Task<BiosUpdatePhase> PowerGateAsync()
        {
            _progress.Phase("PowerGate", "reading the host's power state");
            if (await BothSayOffAsync().ConfigureAwait(false)) return BiosUpdatePhase.RescueSession;
            if (!_options.ShutdownHost || _shutDownByUs) return RefuseHostOn(_shutDownByUs ? " again after the shutdown" : "");
            return BiosUpdatePhase.ShuttingDown;
        }

        private async Task<BiosUpdatePhase> ShutDownAsync()
        {
            _progress.Phase("ShuttingDown", "GracefulShutdown, waiting for the host to power off");
            Journal("ShuttingDown");
            _shutDownByUs = true;
            await HostPower.ShutDownAsync(_redfish!, _inventory!, _settings, _sink, _stop).ConfigureAwait(false);
            _result.HostPowerState = "Off";
            return BiosUpdatePhase.PowerGate;
        }

        /// <summary>Redfish PowerState and the web API's power_status must both say off.</summary>
        private async Task<bool> BothSayOffAsync()
        {
            var redfish = await HostPower.RedfishPowerStateAsync(_redfish!, _inventory!.SystemPath, _stop).ConfigureAwait(false);
            var web = await HostPower.WebSaysOffAsync(_primary!, _stop).ConfigureAwait(false);
            _result.HostPowerState = redfish;
            _sink.WriteVerbose(Host + ": host power: Redfish " + redfish + ", web power_status " + (web ? "0 (off)" : "on") + ".");
            return HostPower.IsOff(redfish) && web;
        }

        private BiosUpdatePhase RefuseHostOn(string when) => Finish(UpdateStatus.Failed, "EscHostPoweredOn",
            (Host + ": the host is on" + when + "; a BIOS is only flashed with the host off, so nothing was written. "
             + Phrase.Of($"Shut the host down first, or pass {EscParameter.ShutdownHost} to have it shut down gracefully.")).ToString());

        // ---- The wizard ------------------------------------------------------------------------------------------

        private async Task<BiosUpdatePhase> OpenRescueSessionAsync()
        {
            _progress.Phase("RescueSession", "checking the BMC is idle, opening the rescue web session");
            await RefuseWhenBusyAsync().ConfigureAwait(false);
            _logoutRescue = _scope.OnUndo("log out the rescue web session", _connection!.Settings.LogoutTimeout, _ => _rescue?.LogoutAsync() ?? Task.CompletedTask);
            _rescue = await LoginRefusedInUpdateModeAsync().ConfigureAwait(false);
            var keepAlive = _keepAlive = new RescueKeepAlive(_rescue, _settings.KeepAliveInterval, _sink);
            // Registered after the rescue session and before update mode: it stops only once update mode was left.
            _stopKeepAlive = _scope.OnUndo("stop the rescue keep-alive", TimeSpan.FromSeconds(10), async _ =>
            {
                await keepAlive.StopAsync().ConfigureAwait(false);
                keepAlive.Dispose();
            });
            _wizard = new HpmWizardClient(_primary!, _rescue);
            // Redfish answers 503 during update mode; a fresh session after the exit proves the exit.
            await _redfish!.CloseAsync().ConfigureAwait(false);
            return BiosUpdatePhase.EnteringUpdateMode;
        }

        /// <summary>
        /// The BMC's own busy signals, read again right before update mode: another machine's run holds no lock here,
        /// so it is refused by evidence — the journal, the UpdateService, and a web login (refused with 1348 in update mode).
        /// </summary>
        private async Task RefuseWhenBusyAsync()
        {
            var journal = new UpdateJournal(StateFolder.Journals(_options.JournalPath), _target);
            RefuseWhenJournalSaysUpdateMode(journal, journal.Read(), ignore: _scope.Entry);
            var service = _inventory!.UpdateService;
            if (service != null)
            {
                var now = await RedfishDiscovery.ReadUpdateServiceAsync(_redfish!, service.Path, _stop).ConfigureAwait(false);
                RefuseWhenAnotherUpdateRuns(now.UpdateStatus, now.UpdateTarget);
            }
        }

        private async Task<AmiWebSession> LoginRefusedInUpdateModeAsync()
        {
            try
            {
                return await AmiWebSession.LoginAsync(_connection!, _request.Credential, _stop).ConfigureAwait(false);
            }
            catch (AmiWebException locked) when (locked.Code == UpdateModeLoginBlocked)
            {
                throw InUpdateModeNow(Host, locked);
            }
        }

        private static EscFirmwareException InUpdateModeNow(string host, Exception refused) =>
            new EscFirmwareException("EscBmcUpdateAlreadyRunning", ErrorKind.ResourceUnavailable,
                host + ": the BMC refused a new web login with code 1348: it is in firmware-update mode now (another machine or tool is updating it). Nothing was sent.",
                vendorCode: "1348", recommendedAction: Phrase.Of($"Wait for that update to finish; {EscCommand.GetBmcState.For(host)} shows what the BMC is doing."), innerException: refused);

        private async Task<BiosUpdatePhase> EnterUpdateModeAsync()
        {
            _progress.Phase("EnteringUpdateMode", "keeping BIOS settings, entering update mode");
            try
            {
                await _wizard!.SaveBiosSettingsAsync(_stop).ConfigureAwait(false);
            }
            catch (BmcResponseException failed)
            {
                _sink.WriteWarning(Host + ": biosSaveSetting failed (" + failed.Message + "); the flash goes on, but BIOS settings may return to their defaults.");
            }
            Journal("EnteringUpdateMode");
            _stop.ThrowIfCancellationRequested();
            var id = await _wizard!.EnterUpdateModeAsync(CancellationToken.None).ConfigureAwait(false);
            _fwUpdateId = id;
            _leaveUpdateMode = _scope.OnUndo(LeaveUpdateModeStep, _settings.FlashTimeout + _settings.ExitVerifyTimeout + _settings.ExitVerifyTimeout, LeaveUpdateModeAfterStopAsync);
            _scope.Journal!.EnteredUpdateMode(_scope.Entry!, id, _rescue!.ExportHandle());
            _sink.WriteVerbose(Host + ": in update mode, FWUPDATEID " + id + " (journal " + _scope.Journal.FilePath + ").");
            return BiosUpdatePhase.Preparing;
        }

        private async Task<BiosUpdatePhase> PrepareAsync()
        {
            _progress.Phase("Preparing", "preparing component " + _plan.Upload.Component);
            Journal("Preparing");
            await _wizard!.PrepareAsync(_fwUpdateId!.Value, _plan.ComponentId, _plan.Upload.DataLength, _stop).ConfigureAwait(false);
            return BiosUpdatePhase.Uploading;
        }

        private async Task<BiosUpdatePhase> UploadAsync()
        {
            var length = _plan.Upload.DataLength;
            _progress.Phase("Uploading", "sending " + length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes", 0);
            Journal("Uploading");
            var lastPercent = -1;
            var sha256 = await _wizard!.UploadAsync(_plan.Image.Path, _plan.Upload.DataOffset, length, _plan.ComponentId, _settings.UploadTimeout,
                sent =>
                {
                    var percent = length == 0 ? 100 : (int)(sent * 100 / length);
                    if (percent != Interlocked.Exchange(ref lastPercent, percent)) _progress.Percent(percent, "sent " + ByteSize.Text(sent) + " of " + ByteSize.Text(length));
                }, _stop).ConfigureAwait(false);
            _scope.Entry!.UploadStaged = true;
            Journal("Uploaded", "SHA-256 " + sha256);
            _sink.WriteVerbose(Host + ": component data sent (" + length + " bytes, SHA-256 " + sha256 + ").");
            return BiosUpdatePhase.FlashGate;
        }

        private async Task<BiosUpdatePhase> FlashGateAsync()
        {
            _progress.Phase("FlashGate", "checking the host is still off");
            _stop.ThrowIfCancellationRequested();
            // Redfish is closed in update mode: the web API's power_status is the gate here.
            if (!await _wizard!.HostIsOffAsync(_stop).ConfigureAwait(false))
            {
                _result.HostPowerState = "On";
                return Finish(UpdateStatus.Failed, "EscHostPoweredOn",
                    Host + ": the host powered on before the flash (a power-restore policy or someone at the server); the BIOS was not written and update mode was left. "
                    + "Check the BMC's power-restore policy, then run the update again.");
            }
            return BiosUpdatePhase.Flashing;
        }

        /// <summary>Once <c>hpm/flash</c> is sent the SPI write is never interrupted: a stop waits for it (bounded by
        /// the flash timeout) and only then lets the cleanup leave update mode.</summary>
        private async Task<BiosUpdatePhase> FlashAsync()
        {
            _progress.Phase("Flashing", "writing the BIOS (do not power the host or the BMC off)", 0);
            _stop.ThrowIfCancellationRequested();
            _scope.Entry!.FlashSent = true;
            _scope.Entry.PendingBios = null;
            Journal("FlashSent");
            try
            {
                await _wizard!.FlashAsync(_fwUpdateId!.Value, _plan.ComponentId, _plan.Upload.DataLength, CancellationToken.None).ConfigureAwait(false);
                _spiWriteMayRun = true;
            }
            catch (EscFirmwareException unanswered) when (!(unanswered is BmcResponseException))
            {
                // No answer: the BMC may have started the write. Never re-send it; wait it out before leaving update mode.
                _spiWriteMayRun = true;
                throw;
            }
            await WaitForFlashAsync().ConfigureAwait(false);
            _spiWriteMayRun = false;
            _written = true;
            Journal("Flashed");
            _stop.ThrowIfCancellationRequested();
            return BiosUpdatePhase.Verifying;
        }

        private async Task WaitForFlashAsync()
        {
            var clock = Stopwatch.StartNew();
            var quietPolls = 0;
            while (true)
            {
                int? progress = null;
                try
                {
                    progress = await _wizard!.UpgradeProgressAsync(_fwUpdateId!.Value, _plan.ComponentId, CancellationToken.None).ConfigureAwait(false);
                }
                catch (EscFirmwareException quiet) when (IsQuiet(quiet))
                {
                    quietPolls++;
                    _sink.WriteDebug(Host + ": upgradestatus quiet during the SPI write (" + quietPolls + "): " + quiet.Message);
                }
                if (progress < 0)
                {
                    throw BiosUpdateErrors.FlashFailed(Host);
                }
                if (progress >= 100) return;
                if (progress.HasValue) _progress.Percent(progress.Value, "SPI write");
                if (quietPolls > _settings.FlashQuietPollLimit || clock.Elapsed > _settings.FlashTimeout)
                {
                    throw BiosUpdateErrors.FlashTimeout(Host, _settings.FlashTimeout, quietPolls);
                }
                await Task.Delay(_settings.PollInterval).ConfigureAwait(false);
            }
        }

        /// <summary>During the SPI write the BMC may answer 5xx or nothing at all (spec a.3): keep polling.</summary>
        private static bool IsQuiet(EscFirmwareException failed) =>
            (failed is BmcResponseException response && (int)response.StatusCode >= 500)
            || failed.Kind == ErrorKind.ConnectionError || failed.Kind == ErrorKind.OperationTimeout;

        private async Task<BiosUpdatePhase> VerifyAsync()
        {
            _progress.Phase("Verifying", "verifying the written image", 0);
            await _wizard!.VerifyAsync(_fwUpdateId!.Value, _plan.ComponentId, _plan.Upload.DataLength, _stop).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var progress = await _wizard.VerifyProgressAsync(_plan.ComponentId, _stop).ConfigureAwait(false);
                if (progress < 0)
                {
                    throw BiosUpdateErrors.VerifyFailed(Host);
                }
                if (progress >= 100) break;
                if (clock.Elapsed > _settings.VerifyTimeout)
                {
                    throw BiosUpdateErrors.VerifyTimeout(Host, _settings.VerifyTimeout);
                }
                await Task.Delay(_settings.PollInterval, _stop).ConfigureAwait(false);
            }
            Journal("Verified");
            return BiosUpdatePhase.Activating;
        }

        private async Task<BiosUpdatePhase> ActivateAsync()
        {
            _progress.Phase("Activating", "activating the new BIOS");
            await _wizard!.ActivateAsync(_fwUpdateId!.Value, _plan.ComponentId, _stop).ConfigureAwait(false);
            Journal("Activated");
            return BiosUpdatePhase.ExitingUpdateMode;
        }

        private async Task<BiosUpdatePhase> ExitUpdateModeAsync()
        {
            _progress.Phase("ExitingUpdateMode", "leaving update mode");
            using (var bound = new CancellationTokenSource(_settings.ExitVerifyTimeout + _settings.ExitVerifyTimeout))
            {
                await LeaveUpdateModeAsync(bound.Token).ConfigureAwait(false);
            }
            _scope.Forget(_leaveUpdateMode);
            // Hold nothing not needed: the web sessions go now; the POST wait reads through one Redfish session.
            await _scope.UndoNowAsync(_stopKeepAlive).ConfigureAwait(false);
            await _scope.UndoNowAsync(_logoutRescue).ConfigureAwait(false);
            await _scope.UndoNowAsync(_logoutPrimary).ConfigureAwait(false);
            if (!_options.PowerOn)
            {
                _scope.Journal!.RecordPendingUntilPost(_scope.Entry!, _plan.Version, _plan.Image.Sha256, _result.FromVersion);
                _result.HostPowerState = "Off";
                return Finish(UpdateStatus.Succeeded, null,
                    "BIOS " + _plan.Version + " flashed and verified by the BMC; it takes effect at the host's next power-on (BiosVersion reads the old version until then).");
            }
            return BiosUpdatePhase.PoweringOn;
        }

        // ---- After the wizard ------------------------------------------------------------------------------------

        private async Task<BiosUpdatePhase> PowerOnAsync()
        {
            _progress.Phase("PoweringOn", "powering the host on");
            Journal("PoweringOn");
            await HostPower.ResetAsync(_redfish!, HostPower.ResetTarget(_inventory!, Host), "On", _stop).ConfigureAwait(false);
            _result.HostPowerState = "On";
            return BiosUpdatePhase.WaitingForPost;
        }

        /// <summary>BiosVersion reads stale or empty during POST and flips mid-POST: only several equal reads in a row count.</summary>
        private async Task<BiosUpdatePhase> WaitForPostAsync()
        {
            _progress.Phase("WaitingForPost", "waiting for POST to report BIOS " + _plan.Version);
            Journal("WaitingForPost");
            var clock = Stopwatch.StartNew();
            var stable = 0;
            string? seen = null;
            while (clock.Elapsed <= _settings.PostTimeout)
            {
                RedfishResource system;
                try
                {
                    system = await RedfishDiscovery.ReadSystemAsync(await RedfishSessionAsync().ConfigureAwait(false), _inventory!.SystemPath, _stop).ConfigureAwait(false);
                }
                catch (BmcResponseException expired) when (expired.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                {
                    // The BMC ended the session (a reboot, an idle timeout): the next read opens a new one.
                    await _redfish!.CloseAsync().ConfigureAwait(false);
                    await Task.Delay(_settings.PollInterval, _stop).ConfigureAwait(false);
                    continue;
                }
                seen = system.GetString("BiosVersion");
                _result.HostPowerState = system.GetString("PowerState");
                stable = FirmwareVersion.Compare(seen, _plan.Version) == VersionOrder.Same ? stable + 1 : 0;
                if (stable >= _settings.StableBiosReads)
                {
                    return Finish(UpdateStatus.Succeeded, null, "BIOS " + _plan.Version + " confirmed after POST (" + stable + " consecutive reads).");
                }
                await Task.Delay(_settings.PollInterval, _stop).ConfigureAwait(false);
            }
            return Finish(UpdateStatus.Failed, "EscBiosVersionNotConfirmed",
                Host + ": the BIOS was flashed and the host powered on, but BiosVersion read '" + seen + "' instead of " + _plan.Version + " for "
                + HostPower.Seconds(_settings.PostTimeout) + " s. The first POST after a BIOS flash can take 15 minutes; check again with "
                + EscCommand.GetFirmwareVersion.For(Host) + ".");
        }

        // ---- Leaving update mode and cleaning up ------------------------------------------------------------------

        /// <summary>The one Redfish session of the POST wait, opened again when the BMC ended it.</summary>
        private async Task<RedfishSession> RedfishSessionAsync()
        {
            if (_redfish == null || !_redfish.IsOpen) _redfish = await RedfishSession.OpenAsync(_connection!, _request.Credential, _stop).ConfigureAwait(false);
            return _redfish;
        }

        /// <summary>exitupdatemode (primary session, else rescue), then proof: a fresh Redfish session answers.</summary>
        private async Task LeaveUpdateModeAsync(CancellationToken bound)
        {
            if (!_fwUpdateId.HasValue) return;
            await _wizard!.ExitUpdateModeAsync(_fwUpdateId.Value, _sink, bound).ConfigureAwait(false);
            _fwUpdateId = null;
            _scope.Journal!.ExitedUpdateMode(_scope.Entry!);
            _redfish = await OpenRedfishAfterExitAsync(bound).ConfigureAwait(false);
            _sink.WriteVerbose(Host + ": update mode left; Redfish answers again.");
        }

        private async Task<RedfishSession> OpenRedfishAfterExitAsync(CancellationToken bound)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return await RedfishSession.OpenAsync(_connection!, _request.Credential, bound).ConfigureAwait(false);
                }
                catch (EscFirmwareException failed) when (clock.Elapsed < _settings.ExitVerifyTimeout)
                {
                    _sink.WriteDebug(Host + ": Redfish not back yet after exitupdatemode: " + failed.Message);
                }
                catch (EscFirmwareException failed)
                {
                    throw BiosUpdateErrors.ExitUnverified(Host, _settings.ExitVerifyTimeout, failed);
                }
                await Task.Delay(_settings.PollInterval, bound).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The undo step of update mode, after a failure or a stop: a running SPI write is waited out first (never cut
        /// off), then update mode is left and proven. Its own limit covers the flash timeout and the exit's proof.
        /// </summary>
        private async Task LeaveUpdateModeAfterStopAsync(CancellationToken bound)
        {
            if (_spiWriteMayRun && _result.ErrorId != "EscBiosFlashFailed" && _result.ErrorId != "EscBiosFlashTimeout")
            {
                _sink.WriteWarning(Host + ": waiting for the running SPI write to end before leaving update mode.");
                try
                {
                    await WaitForFlashAsync().ConfigureAwait(false);
                    _written = true;
                    Journal("Flashed", "the SPI write ended after the stop or failure");
                }
                catch (EscFirmwareException failed)
                {
                    _sink.WriteWarning(Host + ": " + failed.Message);
                }
            }
            _settings.PhaseObserver?.Invoke(Host, BiosUpdatePhase.ExitingUpdateMode);
            await LeaveUpdateModeAsync(bound).ConfigureAwait(false);
        }

        private BiosUpdatePhase Finish(UpdateStatus status, string? errorId, string message)
        {
            _result.Status = status;
            _result.ErrorId = errorId;
            _result.Message = message;
            return BiosUpdatePhase.Done;
        }

        private string Outcome() =>
            _result.ErrorId == "EscOperationStopped" ? "Stopped" : _result.Status.ToString();

        private void Journal(string phase, string? note = null) => _scope.Record(phase, note);
    }
}
