using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Audit;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Recovery;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>
    /// One server's upgrade: a read-only pre-flight (an unfinished journal inspected, the current versions read, the
    /// flashes planned: the images given, or the upgrade path with every step's package fetched and validated), one
    /// confirmation for all of them, then the flashes in order through the existing workflows (with all their gates:
    /// each BMC step verified after its reboot, each BIOS step with the host off), stopping at the first failed one,
    /// and the end state read back.
    /// </summary>
    internal sealed class ServerUpgrade
    {
        private readonly BmcFleetRequest _fleet;
        private readonly FirmwareUpgradeOptions _options;
        private readonly IFlashPlanner _planner;
        private readonly AuditTrail? _trail;
        private readonly int _fleetActivityId;
        private readonly BmcTarget _target;
        private readonly BmcFleetRequest _request;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly EscFirmwareUpgradeSummary _summary;
        private readonly List<EscFirmwareUpdateResult> _results = new List<EscFirmwareUpdateResult>();
        private IReadOnlyList<FlashStep> _steps = new FlashStep[0];
        private List<FlashStep> _runnable = new List<FlashStep>();
        private EscFirmwareVersion? _before;

        public ServerUpgrade(BmcFleetRequest fleet, FirmwareUpgradeOptions options, IFlashPlanner planner, AuditTrail? trail, int fleetActivityId, BmcTarget target)
        {
            _fleet = fleet;
            _options = options;
            _planner = planner;
            _trail = trail;
            _fleetActivityId = fleetActivityId;
            _target = target;
            _request = new BmcFleetRequest(new[] { target }, fleet.Credential, fleet.Tls, fleet.Connection, 1);
            _summary = new EscFirmwareUpgradeSummary { ComputerName = target.DisplayName };
        }

        private string Host => _target.DisplayName;

        /// <summary>
        /// The read-only pre-flight: either the server's answer (nothing to write, refused, no path, failed: its results
        /// and summary are written) or the plan to confirm.
        /// </summary>
        public async Task<Planned<EscFirmwareUpgradeSummary>> PlanAsync(IOperationSink sink, CancellationToken cancellationToken)
        {
            string? plan = null;
            try
            {
                plan = await PlanUpgradeAsync(new AuditingSink(sink, _trail, Host), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception problem)
            {
                Failed(sink, problem);
            }
            if (plan == null) return Planned<EscFirmwareUpgradeSummary>.Answered(Finish(sink));
            return Planned<EscFirmwareUpgradeSummary>.Ask(plan, ExecuteAsync, NotApproved);
        }

        /// <summary>The approved plan: the flashes in order (each workflow checks again before it writes), then the end state.</summary>
        private async Task<EscFirmwareUpgradeSummary> ExecuteAsync(IOperationSink sink, CancellationToken cancellationToken)
        {
            var audited = new AuditingSink(sink, _trail, Host);
            try
            {
                var allRan = true;
                for (var i = 0; i < _runnable.Count && allRan; i++)
                {
                    allRan = await RunStepAsync(audited, _runnable[i], cancellationToken).ConfigureAwait(false);
                    if (!allRan) NotAttempted(audited, _runnable[i], _runnable.Skip(i + 1));
                }
                if (allRan && _runnable.Count < _steps.Count) AddDecisionResults(audited, _steps.Skip(_runnable.Count).ToList(), _before!);
                await ReadEndStateAsync(audited, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception problem)
            {
                Failed(sink, problem);
            }
            return Finish(sink);
        }

        /// <summary>-WhatIf: each planned flash as WhatIf (a path step with where its package comes from); a declined prompt: each as Skipped. Nothing was sent.</summary>
        private EscFirmwareUpgradeSummary NotApproved(IOperationSink sink)
        {
            foreach (var step in _runnable)
            {
                if (step.Decision.Kind == VersionDecisionKind.Pending)
                {
                    AddDecisionResults(sink, new[] { step }, _before!);
                    continue;
                }
                var package = step.PathStep?.Release.DownloadUri is Uri uri ? "; package " + uri : string.Empty;
                Add(sink, step, _options.WhatIf
                    ? Result(step, UpdateStatus.WhatIf, "Confirm", "Would update: " + step.Describe() + package + ".")
                    : Result(step, UpdateStatus.Skipped, "Confirm", "Declined; nothing was changed."));
            }
            return Finish(sink);
        }

        private void Failed(IOperationSink sink, Exception problem)
        {
            var error = OperationError.FromException(problem, Host);
            sink.WriteError(error);
            Fail(error.ErrorId, error.Message);
        }

        /// <summary>The plan text, or null when this server has nothing to confirm (its results are written).</summary>
        private async Task<string?> PlanUpgradeAsync(AuditingSink sink, CancellationToken cancellationToken)
        {
            if (!await UnfinishedUpdateIsOverAsync(sink, cancellationToken).ConfigureAwait(false)) return null;

            var before = await new FirmwareVersionReport(_request).ReadAsync(_target, sink, cancellationToken).ConfigureAwait(false);
            _before = before;
            _summary.BmcFrom = before.BmcVersion;
            _summary.BiosFrom = before.BiosVersion;
            if (_options.Model != null && !string.Equals(before.Model, _options.Model, StringComparison.OrdinalIgnoreCase))
            {
                Refuse(sink, "EscImageWrongModel", "The server is a " + (before.Model ?? "model the BMC does not name") + "; the " + (_options.Targets.Any ? "catalog targets are" : "images are") + " for " + _options.Model + ".");
                return null;
            }

            // Read-only: a missing intermediate release or an unusable package fails here, before any write.
            _steps = PendingBiosKept(await _planner.PlanAsync(_target, before, sink, cancellationToken).ConfigureAwait(false), before);
            foreach (var step in _steps) AuditDecision(step);
            _runnable = Runnable(_steps);
            if (_runnable.Count == 0)
            {
                // Nothing to write: every component is at target (or not part of this run) or refused. What was just
                // read is the end state.
                AddDecisionResults(sink, _steps, before);
                _summary.BmcTo = before.BmcVersion;
                _summary.BiosTo = before.BiosVersion;
                return null;
            }
            return PlanText(_runnable, before.PowerState);
        }

        /// <summary>
        /// A BIOS step whose version the journal says was written and verified earlier and waits for the host's next POST
        /// (BiosVersion still reads what it read before that flash) becomes Pending: a restarted run writes nothing, unless forced.
        /// </summary>
        private IReadOnlyList<FlashStep> PendingBiosKept(IReadOnlyList<FlashStep> steps, EscFirmwareVersion before)
        {
            if (_options.Force) return steps;
            var journal = new UpdateJournal(StateFolder.Journals(_options.JournalPath), _target).Read();
            return steps.Select(step =>
                step.Component == FirmwareComponent.Bios && step.Decision.Kind == VersionDecisionKind.Update
                && PendingBiosCheck.RecordedReason(journal, before.BiosVersion, step.ToVersion, step.Image?.Sha256) is string pending
                    ? step.With(new VersionDecision(VersionDecisionKind.Pending, PendingBiosCheck.WithAdvice(pending)))
                    : step).ToList();
        }

        /// <summary>The steps to ask about and run, in order: up to (not including) the first refusal. An image at
        /// target still runs its workflow, which answers Skipped.</summary>
        private static List<FlashStep> Runnable(IReadOnlyList<FlashStep> steps)
        {
            var runnable = steps.TakeWhile(s => s.Decision.Kind != VersionDecisionKind.Refuse).ToList();
            return runnable.Any(s => s.Decision.Kind == VersionDecisionKind.Update) ? runnable : new List<FlashStep>();
        }

        /// <summary>A journal left open by a run that died: look at the BMC before anything is sent to it.</summary>
        private async Task<bool> UnfinishedUpdateIsOverAsync(IOperationSink sink, CancellationToken cancellationToken)
        {
            var journal = new UpdateJournal(StateFolder.Journals(_options.JournalPath), _target);
            var entry = journal.Read();
            if (entry == null || !entry.IsOpen) return true;
            sink.WriteWarning(Host + ": the journal shows an unfinished " + entry.Operation + " (" + JournalEvidence.Describe(entry, DateTimeOffset.UtcNow) + "); inspecting the BMC before sending anything.");
            var state = await new BmcStateReport(_request, _options.Recovery).ReadAsync(_target, sink, cancellationToken).ConfigureAwait(false);
            _trail?.Write(new EscFirmwareAuditRecord { ComputerName = Host, Event = AuditEvent.Decision, Component = entry.Component, Message = "Unfinished " + entry.Operation + " in the journal; the BMC is " + state.State + ": " + string.Join("; ", state.Evidence) });
            if (state.State != BmcState.Healthy)
            {
                Fail("EscServerMidUpdate", "An earlier run left this BMC mid-update and it is " + state.State + ", so nothing was sent. " + state.Remedy);
                return false;
            }
            if (!_options.WhatIf) journal.Finish(entry, "Interrupted", "Closed by a later run: the BMC was healthy when inspected.");
            return true;
        }

        private void AuditDecision(FlashStep step)
        {
            var reason = step.Decision.Reason;
            _trail?.Write(new EscFirmwareAuditRecord
            {
                ComputerName = Host,
                Event = reason.Contains("(reinstall") || reason.Contains("(downgrade") ? AuditEvent.Override : AuditEvent.Decision,
                Component = step.Component.ToString(),
                Step = step.StepLabel,
                ImageSha256 = step.Image?.Sha256,
                FromVersion = step.FromVersion,
                ToVersion = step.ToVersion,
                Status = step.Decision.Kind.ToString(),
                Message = step.PathStep?.Requirement is string requirement ? reason + "; " + requirement : reason,
            });
        }

        private string PlanText(IReadOnlyList<FlashStep> steps, string? power)
        {
            var parts = new List<string>();
            var biosSteps = 0;
            foreach (var step in steps)
            {
                if (step.Decision.Kind != VersionDecisionKind.Update) continue;
                var then = parts.Count > 0 ? "then " : string.Empty;
                if (step.Component == FirmwareComponent.Bmc)
                {
                    parts.Add(then + step.Describe() + "; the BMC reboots; the host keeps running");
                    continue;
                }
                var host = biosSteps++ > 0 ? "host shut down again"
                    : string.Equals(power, "Off", StringComparison.OrdinalIgnoreCase) ? "host is Off"
                    : _options.ShutdownHost ? "host is " + (power ?? "in an unknown power state") + " and will be shut down" : Phrase.Of($"host is {power ?? "unknown"} (refused without {EscParameter.ShutdownHost})").ToString();
                parts.Add(then + step.Describe() + "; " + host + (_options.PowerOn ? "; powered on afterwards" : "; left off"));
            }
            return string.Join("; ", parts);
        }

        private void AddDecisionResults(IOperationSink sink, IReadOnlyList<FlashStep> steps, EscFirmwareVersion before)
        {
            foreach (var step in steps)
            {
                var refused = step.Decision.Kind == VersionDecisionKind.Refuse;
                var status = refused ? UpdateStatus.Failed : step.Decision.Kind == VersionDecisionKind.Pending ? UpdateStatus.Pending : UpdateStatus.Skipped;
                var result = Result(step, status, "PreFlight", step.Decision.Reason);
                result.ErrorId = step.Decision.ErrorId;
                result.HostPowerState = before.PowerState;
                Add(sink, step, result);
                if (refused) break;
            }
        }

        private async Task<bool> RunStepAsync(AuditingSink sink, FlashStep step, CancellationToken cancellationToken)
        {
            if (step.Decision.Kind == VersionDecisionKind.Pending)
            {
                AddDecisionResults(sink, new[] { step }, _before!);
                return true;
            }
            sink.StartComponent(step.Component.ToString());
            _planner.StepStarting(_target, step);
            var result = step.Component == FirmwareComponent.Bmc
                ? await RunBmcAsync(sink, step, cancellationToken).ConfigureAwait(false)
                : await RunBiosAsync(sink, step, cancellationToken).ConfigureAwait(false);
            result.Step = step.StepLabel;
            _planner.StepFinished(_target, step, result);
            Add(sink, step, result);
            return result.Status != UpdateStatus.Failed;
        }

        /// <summary>The steps after a failed one are not attempted: the next flash needs the version the failed one was to bring.</summary>
        private void NotAttempted(IOperationSink sink, FlashStep failed, IEnumerable<FlashStep> rest)
        {
            foreach (var step in rest)
            {
                var result = Result(step, UpdateStatus.Failed, "NotStarted",
                    failed.Component == FirmwareComponent.Bmc && step.Component == FirmwareComponent.Bios && failed.PathStep == null
                        ? "Not attempted: the BMC update failed first, and the BIOS is flashed only through a healthy, current BMC."
                        : "Not attempted: " + (failed.StepLabel == null ? "the " + failed.Component + " update" : "step " + failed.StepLabel) + " failed first, and each step needs the one before it.");
                result.ErrorId = failed.PathStep == null ? "EscUpgradeStoppedAfterBmc" : "EscUpgradePathStopped";
                Add(sink, step, result);
            }
        }

        private EscFirmwareUpdateResult Result(FlashStep step, UpdateStatus status, string phase, string message) => new EscFirmwareUpdateResult
        {
            ComputerName = Host, Component = step.Component, FromVersion = step.FromVersion, ToVersion = step.ToVersion, Step = step.StepLabel,
            Status = status, Phase = phase, Message = message,
        };

        private Task<EscFirmwareUpdateResult> RunBmcAsync(IOperationSink sink, FlashStep step, CancellationToken cancellationToken)
        {
            var options = new BmcUpdateOptions(step.Bmc!.Image!) { Force = _options.Force, AllowDowngrade = _options.AllowDowngrade, WhatIf = _options.WhatIf, Settings = _options.Bmc };
            return new BmcUpdateWorkflow(_request, options, step.Bmc, _target, sink, _fleetActivityId, planOnly: false).RunAsync(cancellationToken);
        }

        private Task<EscFirmwareUpdateResult> RunBiosAsync(IOperationSink sink, FlashStep step, CancellationToken cancellationToken)
        {
            var options = new BiosUpdateOptions
            {
                Path = step.Bios!.Image.Path, Force = _options.Force, AllowDowngrade = _options.AllowDowngrade, ShutdownHost = _options.ShutdownHost,
                PowerOn = _options.PowerOn, JournalPath = _options.JournalPath, WhatIf = _options.WhatIf, Settings = _options.Bios,
            };
            return new BiosUpdateWorkflow(_request, options, step.Bios, _target, sink, _fleetActivityId, planOnly: false, cancellationToken).RunAsync();
        }

        /// <summary>The summary's "to" versions are read back from the BMC, never taken from the images.</summary>
        private async Task ReadEndStateAsync(IOperationSink sink, CancellationToken cancellationToken)
        {
            var after = await new FirmwareVersionReport(_request).ReadAsync(_target, sink, cancellationToken).ConfigureAwait(false);
            _summary.BmcTo = after.BmcVersion;
            _summary.BiosTo = after.BiosVersion;
            var failed = _results.FirstOrDefault(r => r.Status == UpdateStatus.Failed);
            if (failed?.Step != null)
            {
                _summary.Message = "Step " + failed.Step + " (" + failed.Component.ToString().ToUpperInvariant() + " " + failed.FromVersion + " -> " + failed.ToVersion + ") failed: "
                    + failed.Message + " The server is now on BMC " + (after.BmcVersion ?? "unknown") + ", BIOS " + (after.BiosVersion ?? "unknown") + "; the later steps were not attempted.";
                return;
            }
            var lastBios = _results.LastOrDefault(r => r.Component == FirmwareComponent.Bios && r.Status == UpdateStatus.Succeeded);
            if (lastBios != null && !_options.PowerOn && lastBios.ToVersion != null && after.BiosVersion != lastBios.ToVersion)
            {
                _summary.Message = "BIOS " + lastBios.ToVersion + " is flashed and takes effect at the next power-on; the BMC reports " + after.BiosVersion + " until the host has POSTed.";
            }
        }

        private void Refuse(IOperationSink sink, string errorId, string message)
        {
            foreach (var (component, version) in _planner.Targets)
            {
                Add(sink, null, new EscFirmwareUpdateResult { ComputerName = Host, Component = component, ToVersion = version, Status = UpdateStatus.Failed, Phase = "PreFlight", ErrorId = errorId, Message = message });
            }
        }

        private void Fail(string errorId, string message)
        {
            _summary.Status = UpgradeStatus.Failed;
            _summary.Message = message;
            _trail?.Write(new EscFirmwareAuditRecord { ComputerName = Host, Event = AuditEvent.Decision, Status = "Failed", Message = errorId + ": " + message });
        }

        private void Add(IOperationSink sink, FlashStep? step, EscFirmwareUpdateResult result)
        {
            _results.Add(result);
            sink.WriteObject(result);
            _trail?.Write(new EscFirmwareAuditRecord
            {
                ComputerName = Host, Event = AuditEvent.ComponentFinished, Component = result.Component.ToString(), Step = result.Step,
                ImageSha256 = step?.Image?.Sha256,
                FromVersion = result.FromVersion, ToVersion = result.ToVersion, Phase = result.Phase, Status = result.Status.ToString(),
                Message = result.ErrorId != null ? result.ErrorId + ": " + result.Message : result.Message,
            });
        }

        private EscFirmwareUpgradeSummary Finish(IOperationSink sink)
        {
            _summary.Duration = _clock.Elapsed;
            if (_summary.Status != UpgradeStatus.Failed)
            {
                _summary.Status = _results.Any(r => r.Status == UpdateStatus.Failed) ? UpgradeStatus.Failed
                    : _results.Count > 0 && _results.All(r => r.Status == UpdateStatus.Skipped) ? UpgradeStatus.Skipped
                    : _results.Count > 0 && _results.All(r => r.Status == UpdateStatus.Skipped || r.Status == UpdateStatus.Pending) ? UpgradeStatus.Pending
                    : _options.WhatIf ? UpgradeStatus.WhatIf
                    : UpgradeStatus.Succeeded;
            }
            if (_summary.Message == null && (_summary.Status == UpgradeStatus.Failed || _summary.Status == UpgradeStatus.Pending))
            {
                _summary.Message = _results.First(r => r.Status == (_summary.Status == UpgradeStatus.Failed ? UpdateStatus.Failed : UpdateStatus.Pending)).Message;
            }
            sink.WriteObject(_summary);
            _trail?.Write(new EscFirmwareAuditRecord
            {
                ComputerName = Host, Event = AuditEvent.ServerFinished, FromVersion = _summary.BmcFrom + "/" + _summary.BiosFrom,
                ToVersion = _summary.BmcTo + "/" + _summary.BiosTo, Status = _summary.Status.ToString(), Message = _summary.Message,
            });
            return _summary;
        }
    }
}
