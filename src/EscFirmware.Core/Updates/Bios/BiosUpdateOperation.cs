using System.Threading;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>
    /// Invoke-EscBiosUpdate: flashes one BIOS image to every BMC through the HPM wizard, hosts in parallel (throttled),
    /// one <see cref="EscFirmwareUpdateResult"/> per host. The image is read and validated once, before any BMC is touched.
    /// </summary>
    public sealed class BiosUpdateOperation
    {
        private const int FleetActivityId = 3;
        private readonly BmcFleetRequest _request;
        private readonly BiosUpdateOptions _options;

        public BiosUpdateOperation(BmcFleetRequest request, BiosUpdateOptions options)
        {
            _request = request;
            _options = options;
        }

        public void Run(IOperationSink sink, CancellationToken cancellationToken)
        {
            _request.WarnAboutTls(sink);
            BiosImagePlan plan;
            try
            {
                plan = BiosImagePlan.Read(_options.Path, cancellationToken);
            }
            catch (EscFirmwareException invalid)
            {
                sink.WriteError(OperationError.FromException(invalid, _options.Path));
                return;
            }
            sink.WriteVerbose("'" + plan.Image.Path + "': BIOS " + plan.Version + ", component " + plan.Upload.Component + ", "
                + plan.Upload.DataLength + " bytes of component data, SHA-256 " + plan.Image.Sha256 + ".");
            var progress = new FleetProgress(sink, FleetActivityId, "Updating BIOS to " + plan.Version, _request.Targets.Count);
            FleetRunner.Run(_request.Targets, _request.ThrottleLimit, t => t.DisplayName,
                async (target, hostSink, token) =>
                {
                    try
                    {
                        var workflow = new BiosUpdateWorkflow(_request, _options, plan, target, hostSink, progress.ActivityId, token);
                        hostSink.WriteObject(await workflow.RunAsync().ConfigureAwait(false));
                    }
                    finally
                    {
                        progress.HostFinished(hostSink, target.DisplayName);
                    }
                },
                sink, cancellationToken);
            progress.Complete(sink);
        }
    }
}
