using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Versions;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>
    /// One BIOS update of one BMC through the HPM wizard (spec b.3), as a state machine: one step per
    /// <see cref="BiosUpdatePhase"/>, each returning the next, bounded in count. Whatever happens — an error, a stop,
    /// a lost session — the cleanup leaves update mode (never during the SPI write, which it waits out), proves it,
    /// closes every session and finishes the journal.
    /// </summary>
    internal sealed class BiosUpdateWorkflow
    {
        private const int MaxSteps = 32;
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

        private BmcConnection? _connection;
        private RedfishSession? _redfish;
        private AmiWebSession? _primary;
        private AmiWebSession? _rescue;
        private RescueKeepAlive? _keepAlive;
        private HpmWizardClient? _wizard;
        private BmcInventory? _inventory;
        private BmcLock? _lock;
        private UpdateJournal? _journal;
        private UpdateJournalEntry? _entry;
        private BiosUpdatePhase _phase = BiosUpdatePhase.PreFlight;
        private int? _fwUpdateId;
        private bool _shutDownByUs;
        private bool _spiWriteMayRun;

        public BiosUpdateWorkflow(BmcFleetRequest request, BiosUpdateOptions options, BiosImagePlan plan, BmcTarget target,
            IOperationSink sink, int parentActivityId, CancellationToken stop)
        {
            _request = request;
            _options = options;
            _settings = options.Settings;
            _plan = plan;
            _target = target;
            _sink = sink;
            _stop = stop;
            _progress = new HostProgress(sink, target.DisplayName, parentActivityId);
            _result = new EscFirmwareUpdateResult { ComputerName = target.DisplayName, Component = FirmwareComponent.Bios, ToVersion = plan.Version };
        }

        private string Host => _target.DisplayName;

        public async Task<EscFirmwareUpdateResult> RunAsync()
        {
            try
            {
                var steps = 0;
                while (_phase != BiosUpdatePhase.Done)
                {
                    if (++steps > MaxSteps)
                    {
                        throw new EscFirmwareException("EscBiosWorkflowLoop", ErrorKind.InvalidOperation, Host + ": the BIOS update did not finish within " + MaxSteps + " steps (stuck in " + _phase + ").");
                    }
                    _settings.PhaseObserver?.Invoke(Host, _phase);
                    var next = await StepAsync(_phase).ConfigureAwait(false);
                    if (next != BiosUpdatePhase.Done) _phase = next;
                    else break;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                Finish(UpdateStatus.Failed, "EscOperationStopped", "Stopped during " + _phase + " at the user's request");
            }
            catch (EscFirmwareException failed)
            {
                Finish(UpdateStatus.Failed, failed.ErrorId, failed.Message + (failed.RecommendedAction != null ? " " + failed.RecommendedAction : string.Empty));
            }
            finally
            {
                await CleanUpAsync().ConfigureAwait(false);
            }
            _result.Phase = _phase.ToString();
            _result.Duration = _clock.Elapsed;
            _progress.Done(_result.Status.ToString());
            return _result;
        }

        private Task<BiosUpdatePhase> StepAsync(BiosUpdatePhase phase)
        {
            switch (phase)
            {
                case BiosUpdatePhase.PreFlight: return PreFlightAsync();
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

            _connection = _request.Connect(_target, _sink);
            _redfish = await RedfishSession.OpenAsync(_connection, _request.Credential, _stop).ConfigureAwait(false);
            _inventory = await RedfishDiscovery.DiscoverAsync(_redfish, _stop).ConfigureAwait(false);
            _result.FromVersion = _inventory.BiosVersion;
            _result.HostPowerState = _inventory.PowerState;
            CheckIdentity(_inventory);
            RefuseWhenAnotherUpdateRuns(_inventory);
            // A web login is refused with 1348 while the BMC is in update mode: the web API's own "busy" signal.
            _primary = await AmiWebSession.LoginAsync(_connection, _request.Credential, _stop).ConfigureAwait(false);

            var decision = VersionPolicy.Decide(FirmwareComponent.Bios, _inventory.BiosVersion, _plan.Version, _options.Force, _options.AllowDowngrade);
            if (decision.Kind == VersionDecisionKind.Skip) return Finish(UpdateStatus.Skipped, null, decision.Reason);
            if (decision.Kind == VersionDecisionKind.Refuse) return Finish(UpdateStatus.Failed, decision.ErrorId, decision.Reason);
            var pending = await PendingBiosCheck.PendingReasonAsync(_redfish, _inventory, previous, _plan, _stop).ConfigureAwait(false);
            if (pending != null && !_options.Force) return Finish(UpdateStatus.Pending, null, pending + Phrase.Of($" Power the host on to apply it; {EscParameter.Force} writes it again.").ToString());

            var hostOff = await BothSayOffAsync().ConfigureAwait(false);
            if (!hostOff && !_options.ShutdownHost) return RefuseHostOn("");
            var plan = decision.Reason + "; " + (hostOff ? "host is Off" : "host is " + (_inventory.PowerState ?? "On") + " and will be shut down")
                + (_options.PowerOn ? "; powered on afterwards" : "; left off until its next power-on");
            if (!await _sink.ShouldProcessAsync(Host, plan, _stop).ConfigureAwait(false))
            {
                return _options.WhatIf ? Finish(UpdateStatus.WhatIf, null, plan) : Finish(UpdateStatus.Skipped, null, "Declined: " + plan);
            }

            _lock = BmcLock.Acquire(_target);
            _journal = journal;
            _entry = journal.Begin(EscCommand.InvokeBiosUpdate.CmdletName, "Bios", _plan.Image.Path, _plan.Image.Sha256, _inventory.BiosVersion, _plan.Version);
            _entry.ComponentId = _plan.ComponentId;
            _entry.ComponentDataLength = _plan.Upload.DataLength;
            return BiosUpdatePhase.PowerGate;
        }

        private void RefuseWhenJournalSaysUpdateMode(UpdateJournal journal, UpdateJournalEntry? previous)
        {
            if (previous != null && previous.InUpdateMode)
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
                throw new EscFirmwareException("EscImageIdentityMismatch", ErrorKind.InvalidArgument,
                    Host + ": the image's manufacturer ID is " + _plan.Image.ManufacturerId + ", not ASUS (" + BiosImagePlan.AsusManufacturerId + ").",
                    recommendedAction: "Use the BIOS .HPM ASUS publishes for this server model.");
            }
            if (!string.IsNullOrEmpty(bmcManufacturer) && bmcManufacturer!.IndexOf("ASUS", StringComparison.OrdinalIgnoreCase) < 0)
            {
                throw new EscFirmwareException("EscImageIdentityMismatch", ErrorKind.InvalidArgument,
                    Host + ": the server's manufacturer is '" + bmcManufacturer + "' but the image is an ASUS (" + BiosImagePlan.AsusManufacturerId + ") BIOS.",
                    recommendedAction: "Check the address: this BIOS is for ASUS servers only.");
            }
            _sink.WriteVerbose(Host + ": identity checks: image manufacturer " + BiosImagePlan.AsusManufacturerId + " (ASUS) "
                + (string.IsNullOrEmpty(bmcManufacturer) ? "(the BMC does not name the manufacturer: not compared)" : "matches '" + bmcManufacturer + "'")
                + "; model '" + (inventory.Model ?? "unknown") + "' not compared (the HPM image names no board); BIOS component " + _plan.Upload.Component + ".");
        }

        private void RefuseWhenAnotherUpdateRuns(BmcInventory inventory)
        {
            var status = inventory.UpdateService?.UpdateStatus;
            if (!string.IsNullOrEmpty(status) && !string.Equals(status, "Completed", StringComparison.OrdinalIgnoreCase))
            {
                throw new EscFirmwareException("EscBmcUpdateAlreadyRunning", ErrorKind.ResourceUnavailable,
                    Host + ": the BMC reports an update in progress (UpdateService status '" + status + "', target '" + inventory.UpdateService!.UpdateTarget + "').",
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
            _progress.Phase("RescueSession", "opening the rescue web session");
            _rescue = await AmiWebSession.LoginAsync(_connection!, _request.Credential, _stop).ConfigureAwait(false);
            _keepAlive = new RescueKeepAlive(_rescue, _settings.KeepAliveInterval, _sink);
            _wizard = new HpmWizardClient(_primary!, _rescue);
            // Redfish answers 503 during update mode; a fresh session after the exit proves the exit.
            await _redfish!.CloseAsync().ConfigureAwait(false);
            return BiosUpdatePhase.EnteringUpdateMode;
        }

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
            _journal!.EnteredUpdateMode(_entry!, id, _rescue!.ExportHandle());
            _sink.WriteVerbose(Host + ": in update mode, FWUPDATEID " + id + " (journal " + _journal.FilePath + ").");
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
                    if (percent != Interlocked.Exchange(ref lastPercent, percent)) _progress.Percent(percent, sent + " of " + length + " bytes");
                }, _stop).ConfigureAwait(false);
            _entry!.UploadStaged = true;
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
            _entry!.FlashSent = true;
            _entry.PendingBios = null;
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
                    throw new EscFirmwareException("EscBiosFlashFailed", ErrorKind.InvalidOperation,
                        Host + ": the BMC reported the BIOS SPI write failed (PROGRESS -1).",
                        recommendedAction: "Keep the host off and run the update again; if it fails again, contact ASUS support before powering the host on.");
                }
                if (progress >= 100) return;
                if (progress.HasValue) _progress.Percent(progress.Value, "SPI write " + progress.Value + "%");
                if (quietPolls > _settings.FlashQuietPollLimit || clock.Elapsed > _settings.FlashTimeout)
                {
                    throw new EscFirmwareException("EscBiosFlashTimeout", ErrorKind.OperationTimeout,
                        Host + ": the BIOS SPI write did not report completion within " + HostPower.Seconds(_settings.FlashTimeout) + " s (" + quietPolls + " silent polls).",
                        recommendedAction: Phrase.Of($"Keep the host off; run {EscCommand.GetBmcState.For(Host)} and check the BIOS version before powering on."));
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
                    throw new EscFirmwareException("EscBiosVerifyFailed", ErrorKind.InvalidData, Host + ": the BMC reported the written BIOS image did not verify.",
                        recommendedAction: "Keep the host off and run the update again.");
                }
                if (progress >= 100) break;
                if (clock.Elapsed > _settings.VerifyTimeout)
                {
                    throw new EscFirmwareException("EscBiosVerifyTimeout", ErrorKind.OperationTimeout,
                        Host + ": the image verification did not finish within " + HostPower.Seconds(_settings.VerifyTimeout) + " s.",
                        recommendedAction: Phrase.Of($"Keep the host off; run {EscCommand.GetBmcState.For(Host)} and the update again."));
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
            await LeaveUpdateModeAsync().ConfigureAwait(false);
            if (!_options.PowerOn)
            {
                _journal!.RecordPendingUntilPost(_entry!, _plan.Version, _plan.Image.Sha256, _result.FromVersion);
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
                var system = await RedfishDiscovery.ReadSystemAsync(_redfish!, _inventory!.SystemPath, _stop).ConfigureAwait(false);
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

        /// <summary>exitupdatemode (primary session, else rescue), then proof: a fresh Redfish session answers.</summary>
        private async Task LeaveUpdateModeAsync()
        {
            if (!_fwUpdateId.HasValue) return;
            using (var bound = new CancellationTokenSource(_settings.ExitVerifyTimeout))
            {
                await _wizard!.ExitUpdateModeAsync(_fwUpdateId.Value, _sink, bound.Token).ConfigureAwait(false);
            }
            _fwUpdateId = null;
            _journal!.ExitedUpdateMode(_entry!);
            _redfish = await OpenRedfishAfterExitAsync().ConfigureAwait(false);
            _sink.WriteVerbose(Host + ": update mode left; Redfish answers again.");
        }

        private async Task<RedfishSession> OpenRedfishAfterExitAsync()
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return await RedfishSession.OpenAsync(_connection!, _request.Credential, CancellationToken.None).ConfigureAwait(false);
                }
                catch (EscFirmwareException failed) when (clock.Elapsed < _settings.ExitVerifyTimeout)
                {
                    _sink.WriteDebug(Host + ": Redfish not back yet after exitupdatemode: " + failed.Message);
                }
                catch (EscFirmwareException failed)
                {
                    throw new EscFirmwareException("EscUpdateModeExitUnverified", ErrorKind.ResourceUnavailable,
                        Host + ": exitupdatemode was accepted but Redfish still refuses sessions after " + HostPower.Seconds(_settings.ExitVerifyTimeout) + " s (" + failed.Message + ").",
                        recommendedAction: Phrase.Of($"Run {EscCommand.GetBmcState.For(Host)}; if it reports update mode, run {EscCommand.ExitUpdateMode.For(Host)} (the journal keeps the FWUPDATEID)."),
                        innerException: failed);
                }
                await Task.Delay(_settings.PollInterval).ConfigureAwait(false);
            }
        }

        private async Task CleanUpAsync()
        {
            if (_keepAlive != null)
            {
                await _keepAlive.StopAsync().ConfigureAwait(false);
                _keepAlive.Dispose();
            }
            if (_fwUpdateId.HasValue)
            {
                await LeaveUpdateModeAfterFailureAsync().ConfigureAwait(false);
            }
            if (_primary != null) await _primary.LogoutAsync().ConfigureAwait(false);
            if (_rescue != null) await _rescue.LogoutAsync().ConfigureAwait(false);
            if (_redfish != null) await _redfish.CloseAsync().ConfigureAwait(false);
            if (_entry != null)
            {
                _journal!.Finish(_entry, Outcome(), _result.Message);
            }
            _lock?.Dispose();
            _connection?.Dispose();
        }

        /// <summary>A failure or stop inside update mode: a running SPI write is waited out first, then update mode is left.</summary>
        private async Task LeaveUpdateModeAfterFailureAsync()
        {
            var phase = _phase;
            try
            {
                if (_spiWriteMayRun && _result.ErrorId != "EscBiosFlashFailed" && _result.ErrorId != "EscBiosFlashTimeout")
                {
                    _sink.WriteWarning(Host + ": waiting for the running SPI write to end before leaving update mode.");
                    await WaitForFlashAsync().ConfigureAwait(false);
                }
            }
            catch (EscFirmwareException failed)
            {
                _sink.WriteWarning(Host + ": " + failed.Message);
            }
            try
            {
                _phase = BiosUpdatePhase.ExitingUpdateMode;
                _settings.PhaseObserver?.Invoke(Host, _phase);
                await LeaveUpdateModeAsync().ConfigureAwait(false);
                _result.Message += " Update mode was left" + (_wizard!.PrimaryLost ? " through the rescue session" : string.Empty) + ".";
            }
            catch (EscFirmwareException failed)
            {
                _result.Message += " LEAVING UPDATE MODE FAILED: " + failed.Message
                    + Phrase.Of($" Run {EscCommand.ExitUpdateMode.For(Host)} now (the journal keeps the FWUPDATEID and the rescue session); if no session survives, only an AC power drain recovers it.").ToString();
                _sink.WriteWarning(_result.Message!);
            }
            finally
            {
                _phase = phase;
            }
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

        private void Journal(string phase, string? note = null)
        {
            if (_entry != null) _journal!.RecordPhase(_entry, phase, note);
        }
    }
}
