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
        private readonly BmcFleetRequest _request;
        private readonly BiosUpdateOptions _options;

        public BiosUpdateOperation(BmcFleetRequest request, BiosUpdateOptions options)
        {
            _request = request;
            _options = options;
        }

        public void Run(IOperationSink sink, CancellationToken cancellationToken)
        {
            BiosImagePlan plan;
            try
            {
                plan = BiosImagePlan.Read(_options.Path, _options.Force, cancellationToken);
            }
            catch (EscFirmwareException invalid)
            {
                sink.WriteError(OperationError.FromException(invalid, _options.Path));
                return;
            }
            sink.WriteVerbose("'" + plan.Image.Path + "': BIOS " + plan.Version + ", component " + plan.Upload.Component + ", "
                + plan.Upload.DataLength + " bytes of component data, SHA-256 " + plan.Image.Sha256 + ".");
            PerHostFleet.Run(_request, "Updating BIOS to " + plan.Version,
                (target, hostSink, token) => new BiosUpdateWorkflow(_request, _options, plan, target, hostSink, PerHostFleet.ActivityId, token).RunAsync(),
                sink, cancellationToken);
        }
    }
}
