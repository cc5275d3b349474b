using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;

namespace EscFirmware.Core.Recovery
{
    /// <summary>Get-EscBmcState: probes every BMC (read-only, no session left behind) and says what state it is in, why, and what to do.</summary>
    public sealed class BmcStateReport
    {
        private readonly BmcFleetRequest _request;
        private readonly RecoverySettings _settings;

        public BmcStateReport(BmcFleetRequest request, RecoverySettings? settings = null)
        {
            _request = request;
            _settings = settings ?? new RecoverySettings();
        }

        public void Run(IOperationSink sink, CancellationToken cancellationToken) =>
            PerHostFleet.Run(_request, "Checking BMC state", ReadAsync, sink, cancellationToken);

        public async Task<EscBmcState> ReadAsync(BmcTarget target, IOperationSink sink, CancellationToken cancellationToken)
        {
            using (var connection = _request.Connect(target, sink))
            {
                var journal = new UpdateJournal(StateFolder.Journals(_settings.JournalPath), target);
                var seen = await new BmcProbe(connection, _request.Credential, _settings, journal).RunAsync(cancellationToken).ConfigureAwait(false);
                foreach (var line in seen.Evidence) sink.WriteVerbose(target.DisplayName + ": " + line);
                var state = BmcStateRules.Decide(seen, _settings);
                sink.WriteVerbose(target.DisplayName + ": " + state.State + (state.Recoverable ? " (recoverable)" : " (not recoverable remotely)"));
                return state;
            }
        }
    }
}
