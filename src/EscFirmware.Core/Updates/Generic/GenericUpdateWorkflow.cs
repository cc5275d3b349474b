using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Safety;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using RestSharp;

namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>
    /// One BMC or BIOS update on one DMTF Redfish BMC, as a state machine run by the shared <see cref="StepRunner{TPhase}"/>:
    /// PreFlight (read-only: dialect, target item, old version, what the UpdateService offers, the image against
    /// MaxImageSizeBytes) → Confirm (the per-BMC lock and the journal) → Push (streamed MultipartHttpPushUri, else
    /// HttpPushUri, else SimpleUpdate with the user's ImageURI) → Task (every task shape, bounded) → Reset (only when the
    /// update asks for one: the BMC by itself, the host only with consent) → Verify (the inventory shows the new version,
    /// bounded). The connection, the session, the lock and the journal belong to an <see cref="UpdateScope"/> that undoes
    /// them whatever happened, before anything is reported. An image an earlier run pushed without seeing its end
    /// (<see cref="EarlierPush"/>) is never pushed again: the re-run watches its task.
    /// </summary>
    public sealed class GenericUpdateWorkflow
    {
        private const int MaxSteps = 16;
        private const int MaxRenewals = 3;
        private readonly BmcFleetRequest _request;
        private readonly GenericUpdateOptions _options;
        private readonly GenericUpdateSettings _settings;
        private readonly BmcTarget _target;
        private readonly IOperationSink _sink;
        private readonly HostProgress _progress;
        private readonly EscFirmwareUpdateResult _result;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly UpdateScope _scope;
        private readonly StepRunner<GenericUpdatePhase> _steps;
        private IRedfishAccess? _access;
        private BmcInventory? _inventory;
        private UpdateServiceCapabilities? _capabilities;
        private UpdateTargetItem? _item;
        private PushAnswer? _answer;
        private TaskOutcome? _outcome;
        private bool _pushed;
        private bool _resumed;
        private bool _resetSent;
        private int _renewals;
        private bool _loggedOut;

        private readonly bool _planOnly;

        /// <param name="planOnly">Run the read-only pre-flight and stop with <see cref="PlanText"/>; the execution runs it again before it writes.</param>
        public GenericUpdateWorkflow(BmcFleetRequest request, GenericUpdateOptions options, BmcTarget target, IOperationSink sink, int fleetActivityId, bool planOnly)
        {
            _planOnly = planOnly;
            _request = request;
            _options = options;
            _settings = options.Settings;
            _target = target;
            _sink = sink;
            _progress = new HostProgress(sink, target.DisplayName, fleetActivityId);
            _result = new EscFirmwareUpdateResult { ComputerName = target.DisplayName, Component = options.Component, ToVersion = options.ExpectedVersion };
            _scope = new UpdateScope(target);
            _steps = new StepRunner<GenericUpdatePhase>(target.DisplayName, GenericUpdatePhase.Done, MaxSteps, phase =>
            {
                _result.Phase = phase.ToString();
                _scope.Record(phase.ToString(), _result.TaskUri);
                _settings.PhaseObserver?.Invoke(Host, phase);
            });
        }

        private string Host => _target.DisplayName;

        /// <summary>What a plan-only run found to do, for the confirmation; null when there is nothing to confirm (it failed).</summary>
        public string? PlanText { get; private set; }

        /// <summary>The answer when the plan was not approved: -WhatIf, or a declined prompt.</summary>
        public EscFirmwareUpdateResult NotApproved(bool whatIf)
        {
            _result.Status = whatIf ? UpdateStatus.WhatIf : UpdateStatus.Skipped;
            _result.Message = whatIf ? "Would " + char.ToLowerInvariant(PlanText![0]) + PlanText.Substring(1) + ". Nothing was changed." : "Declined; nothing was changed.";
            return _result;
        }
        private IRedfishAccess Access => _access!;
        private string What => _options.Component == FirmwareComponent.Bios ? "BIOS" : "BMC firmware";

        public async Task<EscFirmwareUpdateResult> RunAsync(CancellationToken cancellationToken)
        {
            var outcome = await _steps.RunAsync(GenericUpdatePhase.PreFlight, phase => StepAsync(phase, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (outcome.Stopped) Stopped();
            else if (outcome.Failure != null) Failed(outcome.Failure);
            var cleanup = await _scope.CloseAsync(JournalOutcome(outcome), () => _result.Message).ConfigureAwait(false);

            // Reporting starts here, after every safety step is done.
            CleanupReport.AddProblems(_result, cleanup, _sink);
            if (outcome.Stopped && _pushed)
            {
                _sink.WriteWarning(Host + ": stopped waiting, but the BMC continues the update on its own. Do not reset it; check " + EscCommand.GetFirmwareInventory
                    + " in a few minutes, or run the same update again: it follows the task rather than pushing the image again.");
            }
            _result.Duration = _clock.Elapsed;
            _progress.Done(_result.Status + (_result.Message != null ? ": " + _result.Message : string.Empty));
            return _result;
        }

        private string? JournalOutcome(StepOutcome outcome) =>
            outcome.Stopped ? "Stopped"
            : outcome.Failure?.ErrorId == "EscRedfishTaskTimeout" ? EarlierPush.TimedOutOutcome
            : outcome.Failure != null ? "Failed"
            : _result.Status.ToString();

        private Task<GenericUpdatePhase> StepAsync(GenericUpdatePhase phase, CancellationToken cancellationToken)
        {
            switch (phase)
            {
                case GenericUpdatePhase.PreFlight: return PreFlightAsync(cancellationToken);
                case GenericUpdatePhase.Confirm: return ConfirmAsync(cancellationToken);
                case GenericUpdatePhase.Push: return PushAsync(cancellationToken);
                case GenericUpdatePhase.Task: return TrackAsync(cancellationToken);
                case GenericUpdatePhase.Reset: return ResetAsync(cancellationToken);
                case GenericUpdatePhase.Verify: return VerifyAsync(cancellationToken);
                default: throw new ArgumentOutOfRangeException(nameof(phase), phase, "No step for this phase.");
            }
        }

        private async Task<GenericUpdatePhase> PreFlightAsync(CancellationToken cancellationToken)
        {
            _progress.Phase("PreFlight", "reading the BMC (read-only)", 0);
            CheckImageFile();
            var connection = _scope.Connect(_request, _sink, () => _access?.CloseAsync());
            _access = await RedfishAccess.OpenFittingAsync(connection, _request.Credential, cancellationToken).ConfigureAwait(false);
            _sink.WriteVerbose(Host + ": authenticating with " + Access.Scheme);
            _inventory = await RedfishDiscovery.DiscoverAsync(Access, cancellationToken).ConfigureAwait(false);
            _result.HostPowerState = _inventory.PowerState;
            CheckDialect(_inventory.Dialect);
            var updateServicePath = _inventory.UpdateService?.Path
                ?? throw GenericUpdateErrors.NoUpdateService(Host);
            _capabilities = UpdateServiceCapabilities.From(await Access.GetAsync(updateServicePath, cancellationToken).ConfigureAwait(false));
            var items = _capabilities.FirmwareInventoryPath != null
                ? await RedfishDiscovery.ReadFirmwareInventoryAsync(Access, _capabilities.FirmwareInventoryPath, cancellationToken).ConfigureAwait(false)
                : new FirmwareInventoryItem[0];
            _item = UpdateTargetItem.Choose(_options.Component, _inventory, items);
            _result.FromVersion = _item.Version;
            CheckService();
            return GenericUpdatePhase.Confirm;
        }

        private void CheckImageFile()
        {
            if (_options.ImagePath == null) return;
            var file = new FileInfo(_options.ImagePath);
            if (!file.Exists) throw BadImage("the file '" + _options.ImagePath + "' does not exist", "Give the path of the image file.");
            if (file.Length == 0) throw BadImage("the file '" + file.FullName + "' is empty", "Download the image again.");
            var head = new byte[Math.Min(64 * 1024, file.Length)];
            using (var stream = file.OpenRead())
            {
                var read = 0;
                while (read < head.Length && stream.Read(head, read, head.Length - read) is int n && n > 0) read += n;
            }
            if (head.All(b => b == 0)) throw BadImage("'" + file.Name + "' starts with " + head.Length.ToString("N0", CultureInfo.InvariantCulture) + " zero bytes, as a damaged or unfinished download does", "Download the image again and compare its checksum.");
        }

        private EscFirmwareException BadImage(string problem, string next) => GenericUpdateErrors.ImageUnusable(Host, problem, next);

        private void CheckDialect(RedfishDialect dialect)
        {
            if (dialect == RedfishDialect.AmiAsus) throw GenericUpdateErrors.UseAmiPath(Host, _options.Component == FirmwareComponent.Bios);
            if (dialect == RedfishDialect.HpeIlo && _options.ImagePath != null) throw GenericUpdateErrors.UseIloRepository(Host);
        }

        private void CheckService()
        {
            var service = _capabilities!;
            if (_options.ImageUri != null)
            {
                if (service.SimpleUpdateTarget == null) throw GenericUpdateErrors.NoSimpleUpdate(Host, service.MultipartHttpPushUri != null || service.HttpPushUri != null);
                var scheme = new Uri(_options.ImageUri).Scheme.ToUpperInvariant();
                if (service.TransferProtocols.Count > 0 && !service.TransferProtocols.Contains(scheme, StringComparer.OrdinalIgnoreCase))
                {
                    throw GenericUpdateErrors.ProtocolRefused(Host, scheme, string.Join(", ", service.TransferProtocols));
                }
                return;
            }
            if (service.MultipartHttpPushUri == null && service.HttpPushUri == null) throw GenericUpdateErrors.NoPush(Host, service.SimpleUpdateTarget != null);
            var size = new FileInfo(_options.ImagePath!).Length;
            if (service.MaxImageSizeBytes is long max && size > max)
            {
                throw BadImage("the image is " + size.ToString("N0", CultureInfo.InvariantCulture) + " bytes, more than the BMC's MaxImageSizeBytes (" + max.ToString("N0", CultureInfo.InvariantCulture) + ")",
                    "Check that this is the image for this BMC; the BMC would refuse it with 413.");
            }
            if (service.MultipartHttpPushUri == null && service.HttpPushBusy) throw GenericUpdateErrors.PushSettingsBusy(Host);
            if (service.ApplyTimes.Count > 0 && !service.ApplyTimes.Contains(_options.ApplyTime, StringComparer.Ordinal))
            {
                throw GenericUpdateErrors.ApplyTimeRefused(Host, _options.ApplyTime, string.Join(", ", service.ApplyTimes));
            }
        }

        private string Mechanism =>
            _options.ImageUri != null ? "SimpleUpdate from " + _options.ImageUri
            : _capabilities!.MultipartHttpPushUri != null ? "MultipartHttpPushUri" : "HttpPushUri";

        private Task<GenericUpdatePhase> ConfirmAsync(CancellationToken cancellationToken)
        {
            var image = _options.ImagePath != null ? Path.GetFileName(_options.ImagePath) : _options.ImageUri!;
            var plan = "Update " + What + " " + (_result.FromVersion ?? "(version unknown)") + " with " + image + " through " + Mechanism
                       + " (target " + _item!.Path + ", ApplyTime " + _options.ApplyTime + ")";
            if (_planOnly)
            {
                PlanText = plan;
                return Task.FromResult(GenericUpdatePhase.Done);
            }
            cancellationToken.ThrowIfCancellationRequested();
            // Taken only in the approved execution: -WhatIf and a declined prompt leave nothing behind.
            _scope.TakeLock(EscCommand.InvokeRedfishUpdate.CmdletName + " (" + What + ")");
            var journal = new UpdateJournal(StateFolder.Journals(_settings.StateFolder), _target);
            var earlier = EarlierPush.In(journal.Read(), EscCommand.InvokeRedfishUpdate.CmdletName, _options.Component, Image);
            _scope.BeginJournal(journal, j => j.Begin(EscCommand.InvokeRedfishUpdate.CmdletName, _options.Component.ToString(), Image, null,
                earlier?.FromVersion ?? _result.FromVersion, _options.ExpectedVersion));
            if (earlier == null) return Task.FromResult(GenericUpdatePhase.Push);
            return Task.FromResult(Resume(earlier));
        }

        private string Image => _options.ImagePath != null ? Path.GetFullPath(_options.ImagePath) : _options.ImageUri!;

        /// <summary>The image was pushed by an earlier run that never saw its end: follow that task (or, without one, the inventory) instead of pushing again.</summary>
        private GenericUpdatePhase Resume(EarlierPush earlier)
        {
            _result.FromVersion = earlier.FromVersion;
            _result.TaskUri = earlier.TaskUri;
            _answer = new PushAnswer(HttpStatusCode.Accepted, earlier.TaskUri, null);
            _resumed = true;
            _resetSent = earlier.ResetSent;
            Pushed("resumed: pushed by an earlier run at " + earlier.At.ToString("u", CultureInfo.InvariantCulture));
            _sink.WriteVerbose(Host + ": an earlier run pushed this image at " + earlier.At.ToString("u", CultureInfo.InvariantCulture) + " and did not see it end; resuming "
                + (earlier.TaskUri != null ? "watching task " + earlier.TaskUri : "reading the inventory") + " instead of pushing it again");
            return GenericUpdatePhase.Task;
        }

        /// <summary>From here on the image is the BMC's: the journal says so before anything else can happen.</summary>
        private void Pushed(string note)
        {
            _pushed = true;
            // The Task resource (it answers 200 with TaskState and messages for as long as it exists) before a monitor that answers only once.
            _scope.Entry!.TaskUri = _result.TaskUri = BodyTaskOf(_answer!.Body) ?? _answer.Location;
            _scope.Record(EarlierPush.PushedPhase, (_scope.Entry.TaskUri ?? "no task") + "; " + note);
        }

        private static string? BodyTaskOf(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using (var document = JsonDocument.Parse(body!))
                {
                    return document.RootElement.ValueKind == JsonValueKind.Object ? RedfishResource.GetStringAt(document.RootElement, "@odata.id") : null;
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private async Task<GenericUpdatePhase> PushAsync(CancellationToken cancellationToken)
        {
            _progress.Phase("Push", Mechanism, 5);
            var service = _capabilities!;
            if (_options.ImageUri != null)
            {
                _answer = await SimpleUpdateAsync(service.SimpleUpdateTarget!, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                void Progress(long sent, long total) => _progress.Percent(5 + (int)(60 * sent / Math.Max(1, total)), sent.ToString("N0", CultureInfo.InvariantCulture) + " of " + total.ToString("N0", CultureInfo.InvariantCulture) + " bytes");
                _answer = service.MultipartHttpPushUri != null
                    ? await RedfishImagePush.MultipartAsync(Access, service.MultipartHttpPushUri, _item!.Path, _options.ApplyTime, _options.ImagePath!, _settings.UploadTimeout, Progress, cancellationToken).ConfigureAwait(false)
                    : await RedfishImagePush.OctetStreamAsync(Access, service.HttpPushUri!, _options.ImagePath!, _settings.UploadTimeout, Progress, cancellationToken).ConfigureAwait(false);
            }
            Pushed("HTTP " + ((int)_answer.Status).ToString(CultureInfo.InvariantCulture));
            _sink.WriteVerbose(Host + ": the BMC accepted the image (HTTP " + ((int)_answer.Status).ToString(CultureInfo.InvariantCulture) + (_answer.Location != null ? ", Location " + _answer.Location : ", no Location") + ")");
            return GenericUpdatePhase.Task;
        }

        /// <summary>SimpleUpdate with the user's ImageURI. A service that rejects <c>Targets</c> (400, nothing started) gets the same request once more without them.</summary>
        private async Task<PushAnswer> SimpleUpdateAsync(string action, CancellationToken cancellationToken)
        {
            var protocol = new Uri(_options.ImageUri!).Scheme.ToUpperInvariant();
            RestRequest Body(bool withTargets)
            {
                var request = new RestRequest(action, Method.Post);
                var body = withTargets
                    ? JsonSerializer.Serialize(new { ImageURI = _options.ImageUri, TransferProtocol = protocol, Targets = new[] { _item!.Path } })
                    : JsonSerializer.Serialize(new { ImageURI = _options.ImageUri, TransferProtocol = protocol });
                return request.AddStringBody(body, ContentType.Json);
            }
            RestResponse response;
            try
            {
                response = await Access.SendAsync(Body(withTargets: true), "SimpleUpdate", cancellationToken).ConfigureAwait(false);
            }
            catch (RedfishException refused) when (refused.StatusCode == HttpStatusCode.BadRequest
                                                   && refused.MessageIds.Any(id => id.EndsWith(".ActionParameterUnknown", StringComparison.Ordinal) || id.EndsWith(".PropertyUnknown", StringComparison.Ordinal)))
            {
                _sink.WriteVerbose(Host + ": the BMC does not take Targets with SimpleUpdate; sending it without them");
                response = await Access.SendAsync(Body(withTargets: false), "SimpleUpdate", cancellationToken).ConfigureAwait(false);
            }
            var location = RedfishResource.HeaderValue(response, "Location");
            return new PushAnswer(response.StatusCode, location == null ? null : RedfishImagePush.PathOf(new Uri(location, UriKind.RelativeOrAbsolute)), response.Content);
        }

        private async Task<GenericUpdatePhase> TrackAsync(CancellationToken cancellationToken)
        {
            _progress.Phase("Task", "waiting for the BMC to apply the image", 70);
            var tracker = new RedfishTaskTracker(Host, PollAsync, _settings, status => _progress.Percent(75, status));
            try
            {
                _outcome = await tracker.TrackAsync((int)_answer!.Status, _answer.Location, _answer.Body, cancellationToken).ConfigureAwait(false);
            }
            catch (EscFirmwareException gone) when (_resumed && gone.ErrorId == "EscRedfishTaskMissing")
            {
                // The BMC forgot the earlier run's task (it ended long ago, or the BMC rebooted): the inventory tells.
                _sink.WriteVerbose(Host + ": the earlier run's task " + _answer!.Location + " is gone; reading the inventory for the result");
                _outcome = new TaskOutcome(null, null, false, new string[0]);
            }
            _result.TaskUri = _outcome.TaskUri;
            foreach (var message in _outcome.Messages) _sink.WriteVerbose(Host + ": task message " + message);
            if (!_outcome.Succeeded) throw GenericUpdateErrors.TaskFailed(Host, _outcome.TaskState ?? string.Empty, string.Join("; ", _outcome.Messages));
            if (!_outcome.HasTask) _sink.WriteVerbose(Host + ": the BMC gave no task to follow; the firmware inventory will tell when the image is applied");
            return GenericUpdatePhase.Reset;
        }

        /// <summary>One GET of the task or monitor. No answer, or a session the BMC dropped (it is opened again, a bounded
        /// number of times), counts as "still running"; the tracker decides what every status means.</summary>
        private async Task<TaskPoll> PollAsync(string uri, CancellationToken cancellationToken)
        {
            try
            {
                if (_loggedOut) await RenewAccessAsync(cancellationToken).ConfigureAwait(false);
                var response = await Access.SendAsync(new RestRequest(uri, Method.Get), "GET " + uri, cancellationToken).ConfigureAwait(false);
                return new TaskPoll { Status = response.StatusCode, Body = response.Content, RetryAfter = RetryAfterOf(response) };
            }
            catch (BmcResponseException expired) when (expired.StatusCode == HttpStatusCode.Unauthorized && _renewals++ < MaxRenewals)
            {
                _sink.WriteVerbose(Host + ": the BMC ended the session while the task ran; logging in again");
                _loggedOut = true;
                return new TaskPoll();
            }
            catch (BmcResponseException status)
            {
                return new TaskPoll { Status = status.StatusCode, Failure = status };
            }
            catch (EscFirmwareException away) when (away.Kind == ErrorKind.ConnectionError || away.Kind == ErrorKind.OperationTimeout)
            {
                return new TaskPoll();
            }
        }

        /// <summary>A new login after the BMC dropped the session. If the BMC does not answer (still rebooting), the next
        /// round tries again; the old access is closed first either way.</summary>
        private async Task RenewAccessAsync(CancellationToken cancellationToken)
        {
            _loggedOut = true;
            await Access.CloseAsync().ConfigureAwait(false);
            _access = await RedfishAccess.OpenFittingAsync(Access.Connection, _request.Credential, cancellationToken).ConfigureAwait(false);
            _loggedOut = false;
        }

        private static TimeSpan? RetryAfterOf(RestResponse response)
        {
            var value = RedfishResource.HeaderValue(response, "Retry-After");
            if (value == null) return null;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when - DateTimeOffset.UtcNow : (TimeSpan?)null;
        }

        private async Task<GenericUpdatePhase> ResetAsync(CancellationToken cancellationToken)
        {
            var staged = _options.ApplyTime == "OnReset" || (_outcome!.ResetRequired && _options.Component == FirmwareComponent.Bios && !_options.RestartHost);
            if (staged)
            {
                _result.Status = UpdateStatus.Staged;
                _result.Message = "The BMC accepted the image; it activates at the next " + (_options.Component == FirmwareComponent.Bios ? "host restart" : "BMC reset")
                                  + (_options.Component == FirmwareComponent.Bios ? ". Restart the host (or run again with " + EscParameter.RestartHost + "), then check " + EscCommand.GetFirmwareInventory + "." : ". Reset the BMC when convenient, then check " + EscCommand.GetFirmwareInventory + ".");
                return GenericUpdatePhase.Done;
            }
            if (!_outcome!.ResetRequired) return GenericUpdatePhase.Verify;
            if (_resetSent)
            {
                _sink.WriteVerbose(Host + ": the earlier run already sent the reset the update asked for; not sending it again");
                return GenericUpdatePhase.Verify;
            }
            var resetTarget = _options.Component == FirmwareComponent.Bios ? _inventory!.SystemResetTarget : _inventory!.ManagerResetTarget;
            if (resetTarget == null) throw GenericUpdateErrors.ResetUnavailable(Host, _options.Component == FirmwareComponent.Bios);
            var resetType = _options.Component == FirmwareComponent.Bios ? (_inventory.PowerState == "Off" ? "On" : "ForceRestart") : "GracefulRestart";
            _progress.Phase("Reset", "the update asks for a reset: " + resetType, 85);
            await Access.SendAsync(new RestRequest(resetTarget, Method.Post).AddStringBody("{\"ResetType\":\"" + resetType + "\"}", ContentType.Json), "Reset (" + resetType + ")", cancellationToken).ConfigureAwait(false);
            _scope.Record(EarlierPush.ResetSentPhase, resetType);
            return GenericUpdatePhase.Verify;
        }

        /// <summary>Reads the target back until it shows the expected version (or, without one, any version other than the
        /// old one); rides through the BMC's reboot (no answer, 503, an expired session) until the verify timeout.</summary>
        private async Task<GenericUpdatePhase> VerifyAsync(CancellationToken cancellationToken)
        {
            _progress.Phase("Verify", "reading " + _item!.Path + " until it shows the new version", 90);
            var deadline = DateTimeOffset.UtcNow + _settings.VerifyTimeout;
            string? seen = null;
            while (true)
            {
                try
                {
                    if (_loggedOut) await RenewAccessAsync(cancellationToken).ConfigureAwait(false);
                    seen = _item.VersionIn(await Access.GetAsync(_item.Path, cancellationToken).ConfigureAwait(false));
                    if (_options.ExpectedVersion != null ? seen == _options.ExpectedVersion : seen != null && seen != _result.FromVersion)
                    {
                        _result.ToVersion = seen;
                        _result.Status = UpdateStatus.Succeeded;
                        _result.Phase = GenericUpdatePhase.Done.ToString();
                        _result.Message = What + " " + (_result.FromVersion ?? "?") + " -> " + seen + ", read back from " + _item.Path + ".";
                        return GenericUpdatePhase.Done;
                    }
                }
                catch (BmcResponseException expired) when (expired.StatusCode == HttpStatusCode.Unauthorized && _renewals++ < MaxRenewals)
                {
                    // The BMC rebooted and forgot the session: log in again on the next round.
                    _loggedOut = true;
                }
                catch (EscFirmwareException away) when (!cancellationToken.IsCancellationRequested && (away.Kind == ErrorKind.ConnectionError || away.Kind == ErrorKind.OperationTimeout || away.Kind == ErrorKind.ResourceUnavailable))
                {
                    _progress.Percent(92, "the BMC is not answering yet (rebooting?)");
                }
                if (DateTimeOffset.UtcNow + _settings.VerifyPollInterval > deadline)
                {
                    throw GenericUpdateErrors.NotVerified(Host, _item.Path, _settings.VerifyTimeout, seen ?? string.Empty, _options.ExpectedVersion ?? string.Empty);
                }
                await Task.Delay(_settings.VerifyPollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        private void Failed(EscFirmwareException failure)
        {
            _result.Status = UpdateStatus.Failed;
            _result.ErrorId = failure.ErrorId;
            _result.Failure = OperationError.FromException(failure, Host);
            _result.Message = failure.Message + (failure.RecommendedAction != null ? " " + failure.RecommendedAction : string.Empty);
            if (!_pushed) _result.Message += " Nothing was flashed.";
        }

        private void Stopped()
        {
            _result.Status = UpdateStatus.Failed;
            _result.ErrorId = "EscOperationStopped";
            _result.Message = "Stopped during " + _result.Phase + "."
                + (_pushed ? " The BMC continues the update on its own" + (_result.TaskUri != null ? " (task " + _result.TaskUri + ")" : string.Empty) + "; do not reset it, check " + EscCommand.GetFirmwareInventory + " later." : " Nothing was flashed.");
        }

    }
}
