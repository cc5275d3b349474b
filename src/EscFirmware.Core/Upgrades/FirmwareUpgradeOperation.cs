using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using EscFirmware.Core.Audit;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.Core.Upgrades.Paths;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>
    /// Invoke-EscFirmwareUpgrade: brings a fleet to the given BMC and BIOS images, BMC first, or through the catalog along
    /// each server's upgrade path, in rolling waves with a canary and a failure budget, writing an audit trail. Per
    /// server: a result per flash, then a verified summary.
    /// </summary>
    public sealed class FirmwareUpgradeOperation
    {
        private const int FleetActivityId = 7;
        private readonly BmcFleetRequest _request;
        private readonly FirmwareUpgradeOptions _options;
        private readonly HttpClient? _supportSite;

        /// <param name="supportSite">The client for the support site or a mirror (catalog and packages of a path); null when images are given.</param>
        public FirmwareUpgradeOperation(BmcFleetRequest request, FirmwareUpgradeOptions options, HttpClient? supportSite = null)
        {
            _request = request;
            _options = options;
            _supportSite = supportSite;
        }

        public void Run(IConfirmingSink sink, CancellationToken cancellationToken)
        {
            _request.WarnAboutTls(sink);
            // -WhatIf writes nothing anywhere, the audit log included.
            var trail = _options.WhatIf ? null : new AuditTrail(new AuditLog(_options.AuditPath));
            var planner = Prepare(sink, trail?.RunId ?? "WhatIf", cancellationToken);
            if (planner == null) return;
            if (_options.JournalPath != null)
            {
                // One journal folder for the run: both workflows and the inspection of unfinished updates.
                _options.Bmc.StateFolder = _options.JournalPath;
                _options.Recovery.JournalPath = _options.JournalPath;
            }
            StartAudit(trail, planner);
            var progress = new FleetProgress(sink, FleetActivityId, (_options.WhatIf ? "Planning" : "Upgrading") + " firmware on " + _request.Targets.Count + " server(s)", _request.Targets.Count);
            var waves = new RollingWaves(_request.ThrottleLimit, _options.CanaryCount, _options.MaxFailures);
            waves.CanaryStopped += (waveSink, reason) =>
            {
                waveSink.WriteWarning("Canary failed: the rollout stops here. " + reason);
                trail?.Write(new EscFirmwareAuditRecord { Event = AuditEvent.CanaryStop, Status = "Stopped", Message = reason });
            };
            waves.BudgetExhausted += (waveSink, budget) =>
            {
                waveSink.WriteWarning(budget + " server(s) failed: the failure budget is used up; no new server starts, running ones finish.");
                trail?.Write(new EscFirmwareAuditRecord { Event = AuditEvent.FailureBudgetExhausted, Status = "Stopped", Message = "Failure budget of " + budget + " used up." });
            };
            waves.Run(_request.Targets, t => t.DisplayName,
                async (target, hostSink, token) =>
                {
                    var planned = await new ServerUpgrade(_request, _options, planner, trail, FleetActivityId, target).PlanAsync(hostSink, token).ConfigureAwait(false);
                    if (planned.Answer != null)
                    {
                        progress.HostFinished(hostSink, target.DisplayName);
                        return planned;
                    }
                    return Planned<EscFirmwareUpgradeSummary>.Ask(planned.Action!,
                        async (executeSink, executeToken) =>
                        {
                            try
                            {
                                return await planned.Execute!(executeSink, executeToken).ConfigureAwait(false);
                            }
                            finally
                            {
                                progress.HostFinished(executeSink, target.DisplayName);
                            }
                        },
                        answerSink =>
                        {
                            var summary = planned.NotApproved!(answerSink);
                            progress.HostFinished(answerSink, target.DisplayName);
                            return summary;
                        });
                },
                summary => summary.Status != UpgradeStatus.Failed,
                (target, hostSink, reason) =>
                {
                    hostSink.WriteObject(new EscFirmwareUpgradeSummary { ComputerName = target.DisplayName, Status = UpgradeStatus.NotStarted, Message = reason });
                    trail?.Write(new EscFirmwareAuditRecord { ComputerName = target.DisplayName, Event = AuditEvent.ServerFinished, Status = UpgradeStatus.NotStarted.ToString(), Message = reason });
                    progress.HostFinished(hostSink, target.DisplayName);
                },
                sink, cancellationToken);
            progress.Complete(sink);
            trail?.Write(new EscFirmwareAuditRecord { Event = AuditEvent.RunFinished, Status = waves.Failures == 0 ? "Succeeded" : "Failed", Message = waves.Failures + " of " + _request.Targets.Count + " server(s) failed." });
            if (trail != null) sink.WriteVerbose("Audit trail: run " + trail.RunId + " in " + trail.FilePath + ".");
        }

        /// <summary>
        /// Validates the images once, or reads the catalog once, before any BMC is touched; null (with an error) when
        /// unusable. Path steps' packages are fetched per server, once each, before that server's first write.
        /// </summary>
        private IFlashPlanner? Prepare(IOperationSink sink, string runId, CancellationToken cancellationToken)
        {
            try
            {
                if (_options.Targets.Any) return PreparePath(sink, runId, cancellationToken);
                if (_options.BmcImagePath == null && _options.BiosImagePath == null)
                {
                    throw new EscFirmwareException("EscNoImageGiven", ErrorKind.InvalidArgument, Phrase.Of($"No image to flash: give {EscParameter.BmcImage}, {EscParameter.BiosImage} or both, or {EscParameter.Model.With("M")} with {EscParameter.Latest}, {EscParameter.TargetBmcVersion} or {EscParameter.TargetBiosVersion}."));
                }
                ImageCheck? bmc = null;
                if (_options.BmcImagePath != null)
                {
                    bmc = ImageCheck.Read(_options.BmcImagePath, _options.Force, cancellationToken);
                    bmc.ThrowIfUnusable();
                }
                var bios = _options.BiosImagePath == null ? null : BiosImagePlan.Read(_options.BiosImagePath, _options.Force, cancellationToken);
                sink.WriteVerbose("Images: " + string.Join("; ", new[] { bmc?.Image, bios?.Image }.Where(i => i != null).Select(i => i!.Kind + " " + i.Version + " '" + i.Path + "' SHA-256 " + i.Sha256)) + ".");
                return new ImageFlashPlanner(new UpgradeImages(bmc, bios), _options);
            }
            catch (EscFirmwareException unusable)
            {
                sink.WriteError(OperationError.FromException(unusable, _options.BmcImagePath ?? _options.BiosImagePath ?? _options.Model ?? "images"));
                return null;
            }
        }

        /// <summary>The catalog is read here, through FleetRunner so its records reach the sink on this thread: a catalog
        /// that cannot be read stops the run before any server is touched.</summary>
        private IFlashPlanner? PreparePath(IOperationSink sink, string runId, CancellationToken cancellationToken)
        {
            var model = _options.Model ?? throw new EscFirmwareException("EscModelRequired", ErrorKind.InvalidArgument,
                Phrase.Of($"An upgrade through the catalog needs {EscParameter.Model} to know which server's releases to look up."),
                recommendedAction: Phrase.Of($"Pass {EscParameter.Model.With("ESC8000-E12P")} (the model {EscCommand.GetFirmwareVersion} reports)."));
            if (_options.BmcImagePath != null || _options.BiosImagePath != null) throw ImagesAndCatalog();
            var catalog = new CatalogPathPlanner(new ReleaseCatalog(_supportSite, _options.Catalog, _options.CatalogPath), _options.Targets);
            var read = false;
            FleetRunner.Run(new[] { model }, 1, m => m, async (m, worker, token) =>
            {
                await catalog.ReleasesAsync(m, worker, token).ConfigureAwait(false);
                read = true;
            }, sink, cancellationToken);
            return read ? new PathFlashPlanner(catalog, new StepPackages(_supportSite, _options.Packages, _options.PackageCachePath, _options.Force), _options, runId) : null;
        }

        private void StartAudit(AuditTrail? trail, IFlashPlanner planner)
        {
            if (trail == null) return;
            trail.Write(new EscFirmwareAuditRecord
            {
                Event = AuditEvent.RunStarted,
                Message = _request.Targets.Count + " server(s): " + string.Join(", ", _request.Targets.Select(t => t.DisplayName))
                    + "; " + planner.Describe()
                    + "; throttle " + _request.ThrottleLimit + ", canary " + _options.CanaryCount + ", failure budget " + (_options.MaxFailures == int.MaxValue ? "none" : _options.MaxFailures.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    + (_options.ShutdownHost ? ", shut hosts down" : string.Empty) + (_options.PowerOn ? ", power on afterwards" : string.Empty) + ".",
            });
            if (_options.Force) trail.Write(new EscFirmwareAuditRecord { Event = AuditEvent.Override, Message = Phrase.Of($"{EscParameter.Force}: the same version is flashed again.").ToString() });
            if (_options.AllowDowngrade) trail.Write(new EscFirmwareAuditRecord { Event = AuditEvent.Override, Message = Phrase.Of($"{EscParameter.AllowDowngrade}: older images are flashed.").ToString() });
        }

        private static EscFirmwareException ImagesAndCatalog() =>
            new EscFirmwareException("EscImagesAndCatalog", ErrorKind.InvalidArgument,
                Phrase.Of($"Give images ({EscParameter.BmcImage}, {EscParameter.BiosImage}) or catalog targets ({EscParameter.Latest}, {EscParameter.TargetBmcVersion}, {EscParameter.TargetBiosVersion}), not both."));
    }
}
