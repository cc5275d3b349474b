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
    /// One server's upgrade: inspect an unfinished journal first, read the current versions, decide per component,
    /// ask once, then BMC before BIOS through the existing workflows (with all their gates), and read back the end state.
    /// </summary>
    internal sealed class ServerUpgrade
    {
        private readonly BmcFleetRequest _fleet;
        private readonly FirmwareUpgradeOptions _options;
        private readonly UpgradeImages _images;
        private readonly AuditTrail? _trail;
        private readonly int _fleetActivityId;
        private readonly BmcTarget _target;
        private readonly BmcFleetRequest _request;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly EscFirmwareUpgradeSummary _summary;
        private readonly List<EscFirmwareUpdateResult> _results = new List<EscFirmwareUpdateResult>();
        private VersionDecision? _bmc;
        private VersionDecision? _bios;

        public ServerUpgrade(BmcFleetRequest fleet, FirmwareUpgradeOptions options, UpgradeImages images, AuditTrail? trail, int fleetActivityId, BmcTarget target)
        {
            _fleet = fleet;
            _options = options;
            _images = images;
            _trail = trail;
            _fleetActivityId = fleetActivityId;
            _target = target;
            _request = new BmcFleetRequest(new[] { target }, fleet.Credential, fleet.Tls, fleet.Connection, 1);
            _summary = new EscFirmwareUpgradeSummary { ComputerName = target.DisplayName };
        }

        private string Host => _target.DisplayName;

        /// <summary>
        /// The read-only pre-flight: an unfinished journal inspected, versions read, a decision per component. Either the
        /// server's answer (nothing to write, refused, failed: its results and summary are written) or the plan to confirm.
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

        /// <summary>The approved plan: BMC before BIOS through the workflows (each checks again before it writes), then the end state.</summary>
        private async Task<EscFirmwareUpgradeSummary> ExecuteAsync(IOperationSink sink, CancellationToken cancellationToken)
        {
            var audited = new AuditingSink(sink, _trail, Host);
            try
            {
                if (_bmc != null && !await RunComponentAsync(audited, FirmwareComponent.Bmc, token => RunBmcAsync(audited, token), cancellationToken).ConfigureAwait(false)) return Finish(sink);
                if (_bios != null) await RunComponentAsync(audited, FirmwareComponent.Bios, token => RunBiosAsync(audited, token), cancellationToken).ConfigureAwait(false);
                await ReadEndStateAsync(audited, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception problem)
            {
                Failed(sink, problem);
            }
            return Finish(sink);
        }

        /// <summary>-WhatIf: each planned component as WhatIf; a declined prompt: each as Skipped. Nothing was sent.</summary>
        private EscFirmwareUpgradeSummary NotApproved(IOperationSink sink)
        {
            foreach (var (component, decision) in new[] { (FirmwareComponent.Bmc, _bmc), (FirmwareComponent.Bios, _bios) }.Where(d => d.Item2 != null))
            {
                Add(sink, new EscFirmwareUpdateResult
                {
                    ComputerName = Host, Component = component, Phase = "Confirm",
                    Status = _options.WhatIf ? UpdateStatus.WhatIf : UpdateStatus.Skipped,
                    FromVersion = component == FirmwareComponent.Bmc ? _summary.BmcFrom : _summary.BiosFrom,
                    ToVersion = (component == FirmwareComponent.Bmc ? _images.BmcImage : _images.BiosImage)?.Version,
                    Message = _options.WhatIf ? "Would update: " + decision!.Reason + "." : "Declined; nothing was changed.",
                });
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
            _summary.BmcFrom = before.BmcVersion;
            _summary.BiosFrom = before.BiosVersion;
            if (_options.Model != null && !string.Equals(before.Model, _options.Model, StringComparison.OrdinalIgnoreCase))
            {
                Refuse(sink, "EscImageWrongModel", "The server is a " + (before.Model ?? "model the BMC does not name") + "; the images are for " + _options.Model + ".");
                return null;
            }

            var bmc = Decide(FirmwareComponent.Bmc, before.BmcVersion, _images.BmcImage?.Version);
            var bios = Decide(FirmwareComponent.Bios, before.BiosVersion, _images.BiosImage?.Version);
            var plan = PlanText(bmc, bios, before.PowerState);
            if (plan.Length == 0)
            {
                // Nothing to write: both components are at target (or not part of this run) or refused. What was just
                // read is the end state.
                AddDecisionResults(sink, bmc, bios, before);
                _summary.BmcTo = before.BmcVersion;
                _summary.BiosTo = before.BiosVersion;
                return null;
            }
            _bmc = bmc;
            _bios = bios;
            return plan;
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

        private VersionDecision? Decide(FirmwareComponent component, string? current, string? target)
        {
            if (target == null) return null;
            var decision = VersionPolicy.Decide(component, current, target, _options.Force, _options.AllowDowngrade);
            _trail?.Write(new EscFirmwareAuditRecord
            {
                ComputerName = Host,
                Event = decision.Reason.Contains("(reinstall") || decision.Reason.Contains("(downgrade") ? AuditEvent.Override : AuditEvent.Decision,
                Component = component.ToString(),
                ImageSha256 = (component == FirmwareComponent.Bmc ? _images.BmcImage : _images.BiosImage)?.Sha256,
                FromVersion = current,
                ToVersion = target,
                Status = decision.Kind.ToString(),
                Message = decision.Reason,
            });
            return decision;
        }

        private string PlanText(VersionDecision? bmc, VersionDecision? bios, string? power)
        {
            var parts = new List<string>();
            if (bmc?.Kind == VersionDecisionKind.Update) parts.Add(bmc.Reason + "; the BMC reboots; the host keeps running");
            if (bios?.Kind == VersionDecisionKind.Update && (bmc == null || bmc.Kind == VersionDecisionKind.Update || bmc.Kind == VersionDecisionKind.Skip))
            {
                var host = string.Equals(power, "Off", StringComparison.OrdinalIgnoreCase)
                    ? "host is Off"
                    : _options.ShutdownHost ? "host is " + (power ?? "in an unknown power state") + " and will be shut down" : Phrase.Of($"host is {power ?? "unknown"} (refused without {EscParameter.ShutdownHost})").ToString();
                parts.Add((parts.Count > 0 ? "then " : string.Empty) + bios.Reason + "; " + host + (_options.PowerOn ? "; powered on afterwards" : "; left off"));
            }
            return string.Join("; ", parts);
        }

        private void AddDecisionResults(IOperationSink sink, VersionDecision? bmc, VersionDecision? bios, EscFirmwareVersion before)
        {
            foreach (var (component, decision, from, to) in new[]
            {
                (FirmwareComponent.Bmc, bmc, before.BmcVersion, _images.BmcImage?.Version),
                (FirmwareComponent.Bios, bios, before.BiosVersion, _images.BiosImage?.Version),
            })
            {
                if (decision == null) continue;
                var refused = decision.Kind == VersionDecisionKind.Refuse;
                Add(sink, new EscFirmwareUpdateResult
                {
                    ComputerName = Host, Component = component, FromVersion = from, ToVersion = to, Phase = "PreFlight",
                    Status = refused ? UpdateStatus.Failed : UpdateStatus.Skipped, Message = decision.Reason, ErrorId = decision.ErrorId,
                    HostPowerState = before.PowerState,
                });
                if (refused) break;
            }
        }

        private async Task<bool> RunComponentAsync(AuditingSink sink, FirmwareComponent component, Func<CancellationToken, Task<EscFirmwareUpdateResult>> run, CancellationToken cancellationToken)
        {
            sink.StartComponent(component.ToString());
            var result = await run(cancellationToken).ConfigureAwait(false);
            Add(sink, result);
            if (result.Status != UpdateStatus.Failed) return true;
            if (component == FirmwareComponent.Bmc && _images.Bios != null)
            {
                Add(sink, new EscFirmwareUpdateResult
                {
                    ComputerName = Host, Component = FirmwareComponent.Bios, FromVersion = _summary.BiosFrom, ToVersion = _images.BiosImage?.Version,
                    Status = UpdateStatus.Failed, Phase = "NotStarted", ErrorId = "EscUpgradeStoppedAfterBmc",
                    Message = "Not attempted: the BMC update failed first, and the BIOS is flashed only through a healthy, current BMC.",
                });
            }
            return false;
        }

        private Task<EscFirmwareUpdateResult> RunBmcAsync(IOperationSink sink, CancellationToken cancellationToken)
        {
            var options = new BmcUpdateOptions(_images.BmcImage!) { Force = _options.Force, AllowDowngrade = _options.AllowDowngrade, WhatIf = _options.WhatIf, Settings = _options.Bmc };
            return new BmcUpdateWorkflow(_request, options, _images.Bmc!, _target, sink, _fleetActivityId, planOnly: false).RunAsync(cancellationToken);
        }

        private Task<EscFirmwareUpdateResult> RunBiosAsync(IOperationSink sink, CancellationToken cancellationToken)
        {
            var options = new BiosUpdateOptions
            {
                Path = _images.BiosImage!.Path, Force = _options.Force, AllowDowngrade = _options.AllowDowngrade, ShutdownHost = _options.ShutdownHost,
                PowerOn = _options.PowerOn, JournalPath = _options.JournalPath, WhatIf = _options.WhatIf, Settings = _options.Bios,
            };
            return new BiosUpdateWorkflow(_request, options, _images.Bios!, _target, sink, _fleetActivityId, planOnly: false, cancellationToken).RunAsync();
        }

        /// <summary>The summary's "to" versions are read back from the BMC, never taken from the images.</summary>
        private async Task ReadEndStateAsync(IOperationSink sink, CancellationToken cancellationToken)
        {
            var after = await new FirmwareVersionReport(_request).ReadAsync(_target, sink, cancellationToken).ConfigureAwait(false);
            _summary.BmcTo = after.BmcVersion;
            _summary.BiosTo = after.BiosVersion;
            var biosFlashed = _results.Any(r => r.Component == FirmwareComponent.Bios && r.Status == UpdateStatus.Succeeded);
            if (biosFlashed && !_options.PowerOn && _images.BiosImage != null && after.BiosVersion != _images.BiosImage.Version)
            {
                _summary.Message = "BIOS " + _images.BiosImage.Version + " is flashed and takes effect at the next power-on; the BMC reports " + after.BiosVersion + " until the host has POSTed.";
            }
        }

        private void Refuse(IOperationSink sink, string errorId, string message)
        {
            foreach (var component in new[] { (FirmwareComponent.Bmc, _images.BmcImage), (FirmwareComponent.Bios, _images.BiosImage) }.Where(c => c.Item2 != null))
            {
                Add(sink, new EscFirmwareUpdateResult { ComputerName = Host, Component = component.Item1, ToVersion = component.Item2!.Version, Status = UpdateStatus.Failed, Phase = "PreFlight", ErrorId = errorId, Message = message });
            }
        }

        private void Fail(string errorId, string message)
        {
            _summary.Status = UpgradeStatus.Failed;
            _summary.Message = message;
            _trail?.Write(new EscFirmwareAuditRecord { ComputerName = Host, Event = AuditEvent.Decision, Status = "Failed", Message = errorId + ": " + message });
        }

        private void Add(IOperationSink sink, EscFirmwareUpdateResult result)
        {
            _results.Add(result);
            sink.WriteObject(result);
            _trail?.Write(new EscFirmwareAuditRecord
            {
                ComputerName = Host, Event = AuditEvent.ComponentFinished, Component = result.Component.ToString(),
                ImageSha256 = (result.Component == FirmwareComponent.Bmc ? _images.BmcImage : _images.BiosImage)?.Sha256,
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
                    : _options.WhatIf ? UpgradeStatus.WhatIf
                    : UpgradeStatus.Succeeded;
            }
            if (_summary.Message == null && _summary.Status == UpgradeStatus.Failed)
            {
                _summary.Message = _results.First(r => r.Status == UpdateStatus.Failed).Message;
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
