using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using EscFirmware.Core.Audit;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates.Bios;
using EscFirmware.Core.Updates.Bmc;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>
    /// Invoke-EscFirmwareUpgrade: brings a fleet to the given BMC and BIOS images, BMC first, in rolling waves with a
    /// canary and a failure budget, writing an audit trail. Per server: the BMC and BIOS results, then a verified summary.
    /// </summary>
    public sealed class FirmwareUpgradeOperation
    {
        private const int FleetActivityId = 7;
        private readonly BmcFleetRequest _request;
        private readonly FirmwareUpgradeOptions _options;
        private readonly HttpClient? _supportSite;

        /// <param name="supportSite">The client for the support site or a mirror (for -Latest); null when images are given.</param>
        public FirmwareUpgradeOperation(BmcFleetRequest request, FirmwareUpgradeOptions options, HttpClient? supportSite = null)
        {
            _request = request;
            _options = options;
            _supportSite = supportSite;
        }

        public void Run(IOperationSink sink, CancellationToken cancellationToken)
        {
            _request.WarnAboutTls(sink);
            var images = Prepare(sink, cancellationToken);
            if (images == null) return;
            if (_options.JournalPath != null)
            {
                // One journal folder for the run: both workflows and the inspection of unfinished updates.
                _options.Bmc.StateFolder = _options.JournalPath;
                _options.Recovery.JournalPath = _options.JournalPath;
            }

            // -WhatIf writes nothing anywhere, the audit log included.
            var trail = _options.WhatIf ? null : new AuditTrail(new AuditLog(_options.AuditPath));
            StartAudit(trail, images);
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
                    try
                    {
                        return await new ServerUpgrade(_request, _options, images, trail, FleetActivityId, target).RunAsync(hostSink, token).ConfigureAwait(false);
                    }
                    finally
                    {
                        progress.HostFinished(hostSink, target.DisplayName);
                    }
                },
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

        /// <summary>Resolves and validates the images once, before any BMC is touched; null (with an error) when unusable.</summary>
        private UpgradeImages? Prepare(IOperationSink sink, CancellationToken cancellationToken)
        {
            try
            {
                if (_options.Latest && !ResolveLatest(sink, cancellationToken)) return null;
                if (_options.BmcImagePath == null && _options.BiosImagePath == null)
                {
                    throw new EscFirmwareException("EscNoImageGiven", ErrorKind.InvalidArgument, "No image to flash: give -BmcImage, -BiosImage or both, or -Model M -Latest.");
                }
                ImageCheck? bmc = null;
                if (_options.BmcImagePath != null)
                {
                    bmc = ImageCheck.Read(_options.BmcImagePath, _options.Force, cancellationToken);
                    bmc.ThrowIfUnusable();
                }
                var bios = _options.BiosImagePath == null ? null : BiosImagePlan.Read(_options.BiosImagePath, _options.Force, cancellationToken);
                sink.WriteVerbose("Images: " + string.Join("; ", new[] { bmc?.Image, bios?.Image }.Where(i => i != null).Select(i => i!.Kind + " " + i.Version + " '" + i.Path + "' SHA-256 " + i.Sha256)) + ".");
                return new UpgradeImages(bmc, bios);
            }
            catch (EscFirmwareException unusable)
            {
                sink.WriteError(OperationError.FromException(unusable, _options.BmcImagePath ?? _options.BiosImagePath ?? _options.Model ?? "images"));
                return null;
            }
        }

        /// <summary>Runs the -Latest lookup and download through FleetRunner, so its records reach the sink on this thread.</summary>
        private bool ResolveLatest(IOperationSink sink, CancellationToken cancellationToken)
        {
            var http = _supportSite ?? throw new InvalidOperationException("-Latest needs a support-site client.");
            var resolved = false;
            FleetRunner.Run(new[] { _options.Model ?? string.Empty }, 1, model => model, async (model, worker, token) =>
            {
                await new LatestReleaseResolver(_options, http).ResolveAsync(worker, token).ConfigureAwait(false);
                resolved = true;
            }, sink, cancellationToken);
            return resolved;
        }

        private void StartAudit(AuditTrail? trail, UpgradeImages images)
        {
            if (trail == null) return;
            trail.Write(new EscFirmwareAuditRecord
            {
                Event = AuditEvent.RunStarted,
                Message = _request.Targets.Count + " server(s): " + string.Join(", ", _request.Targets.Select(t => t.DisplayName))
                    + "; BMC image " + (images.BmcImage == null ? "none" : images.BmcImage.Version + " SHA-256 " + images.BmcImage.Sha256)
                    + "; BIOS image " + (images.BiosImage == null ? "none" : images.BiosImage.Version + " SHA-256 " + images.BiosImage.Sha256)
                    + "; throttle " + _request.ThrottleLimit + ", canary " + _options.CanaryCount + ", failure budget " + (_options.MaxFailures == int.MaxValue ? "none" : _options.MaxFailures.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    + (_options.ShutdownHost ? ", shut hosts down" : string.Empty) + (_options.PowerOn ? ", power on afterwards" : string.Empty) + ".",
            });
            if (_options.Force) trail.Write(new EscFirmwareAuditRecord { Event = AuditEvent.Override, Message = "-Force: the same version is flashed again." });
            if (_options.AllowDowngrade) trail.Write(new EscFirmwareAuditRecord { Event = AuditEvent.Override, Message = "-AllowDowngrade: older images are flashed." });
        }
    }
}
