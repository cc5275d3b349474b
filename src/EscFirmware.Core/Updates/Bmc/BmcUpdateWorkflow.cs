using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Safety;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Versions;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>
    /// One BMC's Redfish update as a state machine run by the shared <see cref="StepRunner{TPhase}"/>: one step per
    /// <see cref="BmcUpdatePhase"/>. Planning runs the read-only pre-flight and stops at Confirm with the plan; an
    /// approved run checks again and goes on. The connection, the session, the lock and the journal belong to an
    /// <see cref="UpdateScope"/> that undoes them whatever happened, before anything is reported. Once the BMC accepted
    /// the upload nothing is sent again: failures ask the BMC what it is doing and say so.
    /// </summary>
    public sealed class BmcUpdateWorkflow
    {
        public const int MaxSteps = 12;
        private readonly BmcFleetRequest _request;
        private readonly BmcUpdateOptions _options;
        private readonly BmcUpdateSettings _settings;
        private readonly BmcTarget _target;
        private readonly ImageCheck _image;
        private readonly IOperationSink _sink;
        private readonly HostProgress _progress;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly EscFirmwareUpdateResult _result;
        private BmcConnection? _connection;
        private RedfishSession? _session;
        private BmcInventory? _inventory;
        private VersionDecision? _decision;
        private readonly bool _planOnly;
        private readonly UpdateScope _scope;
        private readonly StepRunner<BmcUpdatePhase> _steps;
        private string? _taskUri;
        private bool _taskGone;
        private bool _uploadAccepted;
        private bool _rebootSeen;
        private int _lastUploadPercent = -1;

        /// <param name="planOnly">Stop at Confirm with <see cref="PlanText"/>: the read-only pre-flight of plan, confirm, execute.</param>
        internal BmcUpdateWorkflow(BmcFleetRequest request, BmcUpdateOptions options, ImageCheck image, BmcTarget target, IOperationSink sink, int fleetActivityId, bool planOnly)
        {
            _planOnly = planOnly;
            _scope = new UpdateScope(target);
            _request = request;
            _options = options;
            _settings = options.Settings;
            _image = image;
            _target = target;
            _sink = sink;
            _progress = new HostProgress(sink, target.DisplayName, fleetActivityId);
            _result = new EscFirmwareUpdateResult { ComputerName = target.DisplayName, Component = FirmwareComponent.Bmc, ToVersion = image.Image?.Version };
            _steps = new StepRunner<BmcUpdatePhase>(target.DisplayName, BmcUpdatePhase.Done, MaxSteps, phase =>
            {
                _result.Phase = phase.ToString();
                _scope.Record(phase.ToString(), _taskUri);
            });
        }

        /// <summary>After planning: what ShouldProcess asks, when the pre-flight found an update to do (else the result says why not).</summary>
        public string? PlanText { get; private set; }

        private string Host => _target.DisplayName;
        private EscFirmwareImage Image => _image.Image!;
        private BmcConnection Connection => _connection!;
        private RedfishSession Session => _session!;
        private BmcInventory Inventory => _inventory!;
        private string UpdateServicePath => Inventory.UpdateService!.Path;

        public async Task<EscFirmwareUpdateResult> RunAsync(CancellationToken cancellationToken)
        {
            var outcome = await _steps.RunAsync(BmcUpdatePhase.PreFlight, phase => StepAsync(phase, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (outcome.Completed && _result.Status == UpdateStatus.Succeeded) _result.Phase = BmcUpdatePhase.Done.ToString();
            if (outcome.Stopped) Stopped();
            else if (outcome.Failure != null) Failed(outcome.Failure);
            // Reads only, bounded: what the BMC does on its own after an accepted upload belongs in the journal too.
            if (_uploadAccepted && !outcome.Completed) _result.Message += " " + await DescribeBmcAsync().ConfigureAwait(false);
            var cleanup = await _scope.CloseAsync(JournalOutcome(outcome), () => _result.Message).ConfigureAwait(false);

            // Reporting starts here, after every safety step is done.
            CleanupReport.AddProblems(_result, cleanup, _sink);
            if (outcome.Stopped)
            {
                // The next command, in the words of the front end in use (so not in the journal).
                _result.Message += _uploadAccepted
                    ? Phrase.Of($" Next: do not reset or power it off; in about 10 minutes run {EscCommand.GetFirmwareVersion.For(Host)}.").ToString()
                    : Phrase.Of($" Next: run {EscCommand.InvokeBmcUpdate.For(Host, EscParameter.ImagePath.With(Image.Path))} when ready.").ToString();
            }
            if (outcome.Stopped && _uploadAccepted)
            {
                _sink.WriteWarning(Host + ": stopped waiting, but the BMC continues the update on its own" + (_taskUri != null ? " (task " + _taskUri + ")" : string.Empty)
                    + Phrase.Of($". Do not reset or power-cycle it; check with {EscCommand.GetFirmwareVersion.For(Host)} in about 10 minutes.").ToString());
            }
            _result.Duration = _clock.Elapsed;
            _progress.Done(_planOnly && PlanText != null ? "Planned" : _result.Status + (_result.Message != null ? ": " + _result.Message : string.Empty));
            return _result;
        }

        /// <summary>-WhatIf or a declined prompt, for a planned update.</summary>
        public EscFirmwareUpdateResult NotApproved(bool whatIf)
        {
            var plan = PlanText ?? string.Empty;
            var unset = Inventory.UpdateService!.PreserveConfiguration.Count(p => !p.Value);
            _result.Status = whatIf ? UpdateStatus.WhatIf : UpdateStatus.Skipped;
            _result.Phase = BmcUpdatePhase.Confirm.ToString();
            _result.Message = whatIf
                ? "Would update " + plan + ". First " + (unset == 0 ? "check" : "set " + unset + " of") + " the "
                  + Inventory.UpdateService.PreserveConfiguration.Count + " preserve-configuration flags, then upload " + System.IO.Path.GetFileName(Image.Path)
                  + " (" + Image.Size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes)."
                : "Declined; nothing was changed.";
            return _result;
        }

        private string? JournalOutcome(StepOutcome outcome) =>
            outcome.Stopped ? "Stopped" : outcome.Failure != null ? "Failed" : _result.Status.ToString();

        private Task<BmcUpdatePhase> StepAsync(BmcUpdatePhase phase, CancellationToken cancellationToken)
        {
            switch (phase)
            {
                case BmcUpdatePhase.PreFlight: return PreFlightAsync(cancellationToken);
                case BmcUpdatePhase.Confirm: return ConfirmAsync();
                case BmcUpdatePhase.PreserveConfiguration: return PreserveAsync(cancellationToken);
                case BmcUpdatePhase.Upload: return UploadAsync(cancellationToken);
                case BmcUpdatePhase.Monitor: return MonitorAsync(cancellationToken);
                case BmcUpdatePhase.RebootWait: return RebootWaitAsync(cancellationToken);
                case BmcUpdatePhase.Verify: return VerifyAsync(cancellationToken);
                default: throw new ArgumentOutOfRangeException(nameof(phase), phase, "No step for this phase.");
            }
        }

        private async Task<BmcUpdatePhase> PreFlightAsync(CancellationToken cancellationToken)
        {
            _progress.Phase("PreFlight", "checking the image and the BMC (read-only)", 0);
            _image.ThrowIfUnusable();
            _connection = _scope.Connect(_request, _sink, () => _session?.CloseAsync());
            _session = await RedfishSession.OpenAsync(Connection, _request.Credential, cancellationToken).ConfigureAwait(false);
            _inventory = await RedfishDiscovery.DiscoverAsync(Session, cancellationToken).ConfigureAwait(false);
            _result.FromVersion = Inventory.BmcVersion;
            _result.HostPowerState = Inventory.PowerState;
            await BmcTargetCheck.EnsureUpdatableAsync(Session, Inventory, Image, cancellationToken).ConfigureAwait(false);

            _decision = VersionPolicy.Decide(FirmwareComponent.Bmc, Inventory.BmcVersion, Image.Version, _options.Force, _options.AllowDowngrade);
            if (_decision.Kind == VersionDecisionKind.Skip)
            {
                _result.Status = UpdateStatus.Skipped;
                _result.Message = _decision.Reason;
                return BmcUpdatePhase.Done;
            }
            if (_decision.Kind == VersionDecisionKind.Refuse)
            {
                throw BmcUpdateErrors.VersionRefused(Host, _decision.ErrorId, _decision.Reason);
            }
            return BmcUpdatePhase.Confirm;
        }

        /// <summary>Planning ends here with the plan; an approved run takes the lock and starts the journal.</summary>
        private Task<BmcUpdatePhase> ConfirmAsync()
        {
            if (_planOnly)
            {
                PlanText = _decision!.Reason + "; the BMC reboots; the host keeps running";
                return Task.FromResult(BmcUpdatePhase.Done);
            }
            _scope.TakeLock(EscCommand.InvokeBmcUpdate.CmdletName + " (BMC " + Inventory.BmcVersion + " -> " + Image.Version + ")");
            _scope.BeginJournal(new UpdateJournal(StateFolder.Journals(_settings.StateFolder), _target),
                journal => journal.Begin(EscCommand.InvokeBmcUpdate.CmdletName, FirmwareComponent.Bmc.ToString(), Image.Path, Image.Sha256, Inventory.BmcVersion, Image.Version));
            return Task.FromResult(BmcUpdatePhase.PreserveConfiguration);
        }

        private async Task<BmcUpdatePhase> PreserveAsync(CancellationToken cancellationToken)
        {
            _progress.Phase("PreserveConfiguration", "setting every preserve-configuration flag to true", 0);
            var service = await PreserveConfigurationGuard.EnsureAllPreservedAsync(Session, UpdateServicePath, cancellationToken).ConfigureAwait(false);
            _sink.WriteVerbose(Host + ": preserve-configuration flags all true: " + string.Join(", ", service.PreserveConfiguration.Keys));
            return BmcUpdatePhase.Upload;
        }

        private async Task<BmcUpdatePhase> UploadAsync(CancellationToken cancellationToken)
        {
            _progress.Phase("Upload", "sending " + System.IO.Path.GetFileName(Image.Path), 0);
            var target = await BmcImageTargetAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _taskUri = await SendImageAsync(target, cancellationToken).ConfigureAwait(false);
            }
            catch (EscFirmwareException transport) when (!(transport is BmcResponseException))
            {
                // The connection broke: whether the image arrived is unknown. Ask, never send it again.
                var state = await RedfishDiscovery.ReadUpdateServiceAsync(Session, UpdateServicePath, cancellationToken).ConfigureAwait(false);
                if (BmcTargetCheck.IsIdle(state.UpdateStatus))
                {
                    throw new EscFirmwareException(transport.ErrorId, transport.Kind,
                        transport.Message + " The BMC is not updating and still runs BMC " + Inventory.BmcVersion + ": nothing was flashed.",
                        recommendedAction: "Check the link to the BMC, then run the update again.", innerException: transport);
                }
                _sink.WriteWarning(Host + ": the upload connection failed, but the BMC is updating (UpdateStatus " + state.UpdateStatus + "): following that update instead of sending the image again.");
            }
            _uploadAccepted = true;
            _result.TaskUri = _taskUri;
            _scope.Entry!.UploadStaged = true;
            _scope.Entry.TaskUri = _taskUri;
            _scope.Record("UploadAccepted", _taskUri);
            _sink.WriteVerbose(Host + ": the BMC accepted the image" + (_taskUri != null ? "; task " + _taskUri : string.Empty));
            return BmcUpdatePhase.Monitor;
        }

        /// <summary>A 401 is the BMC refusing the upload before taking it (it ended the session): sent once more on a renewed session.</summary>
        private async Task<string?> SendImageAsync(string target, CancellationToken cancellationToken)
        {
            try
            {
                return await MultipartImageUpload.SendAsync(Session, Inventory.UpdateService!.MultipartHttpPushUri!, target, Image.Path,
                    _settings.UploadTimeout, UploadProgress, cancellationToken).ConfigureAwait(false);
            }
            catch (BmcResponseException expired) when (expired.StatusCode == HttpStatusCode.Unauthorized)
            {
                _sink.WriteVerbose(Host + ": the BMC ended the session before taking the image; logging in again and sending it once more.");
                await Session.RenewAsync("the image upload", cancellationToken).ConfigureAwait(false);
                return await MultipartImageUpload.SendAsync(Session, Inventory.UpdateService!.MultipartHttpPushUri!, target, Image.Path,
                    _settings.UploadTimeout, UploadProgress, cancellationToken).ConfigureAwait(false);
            }
        }

        private void UploadProgress(long sent, long total)
        {
            var percent = total == 0 ? 100 : (int)(sent * 100 / total);
            if (percent == _lastUploadPercent) return;
            _lastUploadPercent = percent;
            _progress.Percent(percent, "sent " + ByteSize.Text(sent) + " of " + ByteSize.Text(total));
        }

        /// <summary>The FirmwareInventory member of the BMC image, found by link: BMCImage1 as SM-REF used, else the active BMC image.</summary>
        private async Task<string> BmcImageTargetAsync(CancellationToken cancellationToken)
        {
            var inventoryPath = Inventory.UpdateService!.FirmwareInventoryPath
                ?? throw new EscFirmwareException("EscRedfishResourceMissing", ErrorKind.ObjectNotFound, Host + ": the UpdateService has no FirmwareInventory link.",
                    recommendedAction: "Check that this is an ASUS ASMB11/ASMB12 BMC.");
            var items = await RedfishDiscovery.ReadFirmwareInventoryAsync(Session, inventoryPath, cancellationToken).ConfigureAwait(false);
            var active = Inventory.UpdateService.ActiveBmcImage?.Replace("Image", "BMCImage");
            var chosen = items.FirstOrDefault(i => Named(i, "BMCImage1"))
                ?? items.FirstOrDefault(i => active != null && Named(i, active))
                ?? items.FirstOrDefault(i => (i.Id ?? string.Empty).StartsWith("BMC", StringComparison.OrdinalIgnoreCase));
            return chosen?.Path
                ?? throw new EscFirmwareException("EscRedfishResourceMissing", ErrorKind.ObjectNotFound, Host + ": the FirmwareInventory lists no BMC image to target.",
                    recommendedAction: "Check that this is an ASUS ASMB11/ASMB12 BMC.");
        }

        private static bool Named(FirmwareInventoryItem item, string name) =>
            string.Equals(item.Id, name, StringComparison.OrdinalIgnoreCase) || string.Equals(item.Name, name, StringComparison.OrdinalIgnoreCase);

        private async Task<BmcUpdatePhase> MonitorAsync(CancellationToken cancellationToken)
        {
            _progress.Phase("Monitor", "the BMC is flashing" + (_taskUri != null ? " (task " + _taskUri + ")" : string.Empty), 0);
            var deadline = _clock.Elapsed + _settings.FlashTimeout;
            var lastChange = _clock.Elapsed;
            string? lastSeen = null;
            var renewals = 0;
            while (true)
            {
                await Task.Delay(_settings.PollInterval, cancellationToken).ConfigureAwait(false);
                FlashSnapshot snapshot;
                try
                {
                    snapshot = await ReadFlashAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (BmcResponseException expired) when (expired.StatusCode == HttpStatusCode.Unauthorized && renewals < _settings.SessionRenewals)
                {
                    renewals++;
                    _sink.WriteVerbose(Host + ": the session ended during the flash; logging in again to keep watching (the image is not sent again).");
                    if (!await RenewSessionAsync(cancellationToken).ConfigureAwait(false)) return BmcUpdatePhase.RebootWait;
                    continue;
                }
                catch (EscFirmwareException away) when (!(away is BmcResponseException) || ((BmcResponseException)away).StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    _sink.WriteVerbose(Host + ": the BMC stopped answering: it is rebooting into the new firmware.");
                    _rebootSeen = true;
                    return BmcUpdatePhase.RebootWait;
                }
                if (snapshot.Failed)
                {
                    throw BmcUpdateErrors.FlashFailed(Host, snapshot.ToString());
                }
                if (snapshot.Finished) return BmcUpdatePhase.RebootWait;
                var seen = snapshot.ToString();
                if (seen != lastSeen)
                {
                    lastSeen = seen;
                    lastChange = _clock.Elapsed;
                    _progress.Percent(snapshot.Percent, seen);
                }
                else if (_clock.Elapsed - lastChange > _settings.StallTimeout)
                {
                    throw BmcUpdateErrors.FlashStalled(Host, _settings.StallTimeout, seen);
                }
                if (_clock.Elapsed > deadline)
                {
                    throw BmcUpdateErrors.FlashTimeout(Host, _settings.FlashTimeout, seen);
                }
            }
        }

        private async Task<FlashSnapshot> ReadFlashAsync(CancellationToken cancellationToken)
        {
            string? taskState = null;
            if (_taskUri != null && !_taskGone)
            {
                try
                {
                    taskState = (await Session.GetAsync(_taskUri, cancellationToken).ConfigureAwait(false)).GetString("TaskState");
                }
                catch (BmcResponseException gone) when (gone.StatusCode == HttpStatusCode.NotFound)
                {
                    _taskGone = true;
                    _sink.WriteVerbose(Host + ": task " + _taskUri + " is gone (the BMC forgets tasks when it reboots); following the UpdateService.");
                }
            }
            var service = await RedfishDiscovery.ReadUpdateServiceAsync(Session, UpdateServicePath, cancellationToken).ConfigureAwait(false);
            return new FlashSnapshot(taskState, service.UpdateStatus, service.FlashPercentage);
        }

        private async Task<bool> RenewSessionAsync(CancellationToken cancellationToken)
        {
            await Session.CloseAsync().ConfigureAwait(false);
            try
            {
                _session = await RedfishSession.OpenAsync(Connection, _request.Credential, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (EscFirmwareException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        private async Task<BmcUpdatePhase> RebootWaitAsync(CancellationToken cancellationToken)
        {
            _progress.Phase("RebootWait", "waiting for the BMC to come back with BMC " + Image.Version, -1);
            var deadline = _clock.Elapsed + _settings.RebootTimeout;
            var rejected = 0;
            string? lastVersion = null;
            // A reinstall (-Force, same version) cannot be told apart from "not rebooted yet" by its version: then the
            // active image slot must have switched, or (for BMCs that report no slots) the BMC must have been seen going
            // away. Read retries can hide a short reboot, so the slot is the stronger evidence.
            var versionProvesFlash = FirmwareVersion.Compare(Inventory.BmcVersion, Image.Version) != VersionOrder.Same;
            var activeBefore = Inventory.UpdateService?.ActiveBmcImage;
            while (true)
            {
                if (_clock.Elapsed > deadline)
                {
                    throw BmcUpdateErrors.RebootTimeout(Host, Image.Version, _settings.RebootTimeout, lastVersion);
                }
                await Task.Delay(_settings.PollInterval, cancellationToken).ConfigureAwait(false);
                if (!Session.IsOpen)
                {
                    try
                    {
                        _session = await RedfishSession.OpenAsync(Connection, _request.Credential, cancellationToken).ConfigureAwait(false);
                    }
                    catch (BmcResponseException refused) when (refused.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        if (++rejected >= _settings.LoginFailuresAfterReboot) throw CredentialsRejected();
                        continue;
                    }
                    catch (EscFirmwareException booting) when (!cancellationToken.IsCancellationRequested)
                    {
                        _rebootSeen = true;
                        _sink.WriteDebug(Host + ": not back yet: " + booting.Message);
                        continue;
                    }
                }
                try
                {
                    var renewals = Session.Renewals;
                    lastVersion = (await Session.GetAsync(Inventory.ManagerPath, cancellationToken).ConfigureAwait(false)).GetString("FirmwareVersion");
                    // The BMC forgot the session: as before, a sign it went through its reboot.
                    if (Session.Renewals != renewals) _rebootSeen = true;
                }
                catch (BmcResponseException expired) when (expired.StatusCode == HttpStatusCode.Unauthorized)
                {
                    _rebootSeen = true;
                    await Session.CloseAsync().ConfigureAwait(false);
                    continue;
                }
                catch (EscFirmwareException booting) when (!cancellationToken.IsCancellationRequested)
                {
                    _rebootSeen = true;
                    _sink.WriteDebug(Host + ": not back yet: " + booting.Message);
                    continue;
                }
                if (FirmwareVersion.Compare(lastVersion, Image.Version) == VersionOrder.Same
                    && (versionProvesFlash || _rebootSeen || await ActiveSlotSwitchedAsync(activeBefore, cancellationToken).ConfigureAwait(false)))
                {
                    return BmcUpdatePhase.Verify;
                }
                _progress.Percent(-1, "the BMC still reports " + lastVersion);
            }
        }

        private async Task<bool> ActiveSlotSwitchedAsync(string? activeBefore, CancellationToken cancellationToken)
        {
            if (activeBefore == null) return false;
            try
            {
                var service = await RedfishDiscovery.ReadUpdateServiceAsync(Session, UpdateServicePath, cancellationToken).ConfigureAwait(false);
                return service.ActiveBmcImage != null && !string.Equals(service.ActiveBmcImage, activeBefore, StringComparison.OrdinalIgnoreCase);
            }
            catch (EscFirmwareException booting) when (!cancellationToken.IsCancellationRequested)
            {
                _sink.WriteDebug(Host + ": not back yet: " + booting.Message);
                return false;
            }
        }

        private EscFirmwareException CredentialsRejected() => BmcUpdateErrors.CredentialsRejected(Host);

        private async Task<BmcUpdatePhase> VerifyAsync(CancellationToken cancellationToken)
        {
            _progress.Phase("Verify", "confirming BMC " + Image.Version, 100);
            for (var read = 1; read <= _settings.StableVersionReads; read++)
            {
                if (read > 1) await Task.Delay(_settings.StableReadInterval, cancellationToken).ConfigureAwait(false);
                var version = (await Session.GetAsync(Inventory.ManagerPath, cancellationToken).ConfigureAwait(false)).GetString("FirmwareVersion");
                if (FirmwareVersion.Compare(version, Image.Version) != VersionOrder.Same)
                {
                    throw BmcUpdateErrors.VersionUnstable(Host, Image.Version, version, read, _settings.StableVersionReads);
                }
            }
            // A fresh login proves the credentials survived the flash.
            await Session.CloseAsync().ConfigureAwait(false);
            try
            {
                _session = await RedfishSession.OpenAsync(Connection, _request.Credential, cancellationToken).ConfigureAwait(false);
            }
            catch (BmcResponseException refused) when (refused.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw CredentialsRejected();
            }
            var powerBefore = Inventory.PowerState;
            var after = await RedfishDiscovery.DiscoverAsync(Session, cancellationToken).ConfigureAwait(false);
            var service = after.UpdateService;
            var lostFlags = service?.PreserveConfiguration.Where(p => !p.Value).Select(p => p.Key).ToList() ?? new System.Collections.Generic.List<string>();
            if (lostFlags.Count > 0)
            {
                _sink.WriteWarning(Host + ": after the flash the preserve-configuration flags " + string.Join(", ", lostFlags) + " read false; check the BMC's network and user settings.");
            }
            if (service != null && !BmcTargetCheck.IsIdle(service.UpdateStatus))
            {
                _sink.WriteWarning(Host + ": the BMC runs " + Image.Version + " but its UpdateService still reports UpdateStatus '" + service.UpdateStatus + "'.");
            }
            if (!string.Equals(powerBefore, "On", StringComparison.OrdinalIgnoreCase) && string.Equals(after.PowerState, "On", StringComparison.OrdinalIgnoreCase))
            {
                _sink.WriteWarning(Host + ": the host was " + powerBefore + " before the update and is On now: the power-restore policy turned it on after the BMC reboot. Shut it down again before a BIOS update.");
            }
            _result.HostPowerState = after.PowerState;
            _result.Status = UpdateStatus.Succeeded;
            _result.Message = "BMC " + after.BmcVersion + " is running" + Slots(service) + "; the configuration was preserved; host power " + after.PowerState + ".";
            return BmcUpdatePhase.Done;
        }

        private string Slots(UpdateServiceInfo? service)
        {
            if (service?.ActiveBmcImage == null) return string.Empty;
            var previous = service.ActiveBmcImage.EndsWith("1", StringComparison.Ordinal) ? service.BmcImage2Version : service.BmcImage1Version;
            return " from " + service.ActiveBmcImage + (previous != null ? " (" + previous + " kept in the other slot)" : string.Empty);
        }

        private void Failed(EscFirmwareException failure)
        {
            _result.Status = UpdateStatus.Failed;
            _result.ErrorId = failure.ErrorId;
            _result.Failure = OperationError.FromException(failure, Host);
            _result.Message = failure.Message + (failure.RecommendedAction != null ? " " + failure.RecommendedAction : string.Empty);
        }

        private void Stopped()
        {
            _result.Status = UpdateStatus.Failed;
            _result.ErrorId = "EscOperationStopped";
            _result.Message = "Stopped by the user during " + _result.Phase + "."
                + (_uploadAccepted
                    ? " The BMC continues the update on its own" + (_taskUri != null ? " (task " + _taskUri + ")" : string.Empty) + "."
                    : " Nothing was flashed.");
        }

        private Task<string> DescribeBmcAsync() =>
            BmcStateProbe.DescribeAsync(Connection, _session, _request.Credential, Inventory.ManagerPath, UpdateServicePath, _settings.StateQueryTimeout);

    }
}
