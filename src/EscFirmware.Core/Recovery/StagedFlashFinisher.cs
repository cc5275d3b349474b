using System;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Ami;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Recovery
{
    /// <summary>Where a staged HPM component stands, read from <c>hpm/upgradestatus</c>.</summary>
    public enum StagedFlashStatus
    {
        /// <summary>Nothing to read (no component known) or an answer that says nothing.</summary>
        Unknown,
        /// <summary>500 code 1442: uploaded, <c>hpm/flash</c> never sent.</summary>
        StagedNotFlashed,
        /// <summary>PROGRESS 0..99: the SPI write runs. Never interrupt it.</summary>
        Flashing,
        /// <summary>PROGRESS 100: written, not yet verified and activated.</summary>
        Flashed,
        /// <summary>PROGRESS -1.</summary>
        Failed,
    }

    /// <summary>
    /// Finishes the HPM wizard for a component whose upload is staged (spec b.3 steps 8–10): <c>hpm/flash</c>, poll
    /// <c>upgradestatus</c> to 100, <c>verifyimage</c>, poll <c>verifyimagestatus</c> to 100, <c>activatecomponents</c>.
    /// Every write is sent once; polls tolerate the BMC's quiet spells up to their timeout.
    /// </summary>
    public sealed class StagedFlashFinisher
    {
        private const int FlashNotSentCode = 1442;
        private readonly AmiWebSession _session;
        private readonly RecoverySettings _settings;
        private readonly IOperationSink _sink;
        private readonly string _host;

        public StagedFlashFinisher(AmiWebSession session, RecoverySettings settings, IOperationSink sink)
        {
            _session = session;
            _settings = settings;
            _sink = sink;
            _host = session.Connection.Target.DisplayName;
        }

        public async Task<StagedFlashStatus> ReadStatusAsync(int fwUpdateId, int componentId, CancellationToken cancellationToken)
        {
            try
            {
                var progress = HpmWizardRequests.Progress(await _session.GetJsonAsync(HpmWizardRequests.UpgradeStatusPath(fwUpdateId, componentId), cancellationToken).ConfigureAwait(false));
                if (progress == null) return StagedFlashStatus.Unknown;
                if (progress < 0) return StagedFlashStatus.Failed;
                return progress >= 100 ? StagedFlashStatus.Flashed : StagedFlashStatus.Flashing;
            }
            catch (AmiWebException answer) when (answer.Code == FlashNotSentCode)
            {
                return StagedFlashStatus.StagedNotFlashed;
            }
        }

        /// <summary>Sends <c>hpm/flash</c> and waits for the write to end. Returns false when the BMC reports the write failed (-1).</summary>
        public async Task<bool> FlashAsync(int fwUpdateId, int componentId, long dataLength, CancellationToken cancellationToken)
        {
            await PutAsync(HpmWizardRequests.Flash(fwUpdateId, componentId, dataLength), cancellationToken).ConfigureAwait(false);
            _sink.WriteVerbose(_host + ": hpm/flash sent; the SPI write runs");
            return await WaitForFlashAsync(fwUpdateId, componentId, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Polls <c>upgradestatus</c> until 100 (true) or -1 (false); throws when the flash timeout passes, so update mode is never left mid-write.</summary>
        public Task<bool> WaitForFlashAsync(int fwUpdateId, int componentId, CancellationToken cancellationToken) =>
            PollAsync("SPI write", HpmWizardRequests.UpgradeStatusPath(fwUpdateId, componentId), _settings.FlashTimeout, cancellationToken);

        /// <summary><c>verifyimage</c>, poll to 100, then <c>activatecomponents</c>. Returns false when verification fails.</summary>
        public async Task<bool> VerifyAndActivateAsync(int fwUpdateId, int componentId, long dataLength, CancellationToken cancellationToken)
        {
            await PutAsync(HpmWizardRequests.Verify(fwUpdateId, componentId, dataLength), cancellationToken).ConfigureAwait(false);
            var verified = await PollAsync("verification", HpmWizardRequests.VerifyStatusPath(componentId), _settings.VerifyTimeout, cancellationToken).ConfigureAwait(false);
            if (!verified) return false;
            await PutAsync(HpmWizardRequests.Activate(fwUpdateId, componentId), cancellationToken).ConfigureAwait(false);
            _sink.WriteVerbose(_host + ": component " + Number(componentId) + " verified and activated");
            return true;
        }

        private async Task<bool> PollAsync(string what, string path, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var interval = _settings.FlashPollInterval > TimeSpan.Zero ? _settings.FlashPollInterval : TimeSpan.FromMilliseconds(1);
            var maxPolls = (int)Math.Min(int.MaxValue - 1, timeout.Ticks / interval.Ticks) + 1;
            int? last = null;
            for (var poll = 0; poll < maxPolls && clock.Elapsed < timeout; poll++)
            {
                try
                {
                    var progress = HpmWizardRequests.Progress(await _session.GetJsonAsync(path, cancellationToken).ConfigureAwait(false));
                    if (progress != last && progress != null) _sink.WriteVerbose(_host + ": " + what + " " + Number(progress.Value) + " %");
                    last = progress;
                    if (progress < 0) return false;
                    if (progress >= 100) return true;
                }
                catch (EscFirmwareException quiet) when (quiet.Kind == ErrorKind.ConnectionError || quiet.Kind == ErrorKind.OperationTimeout
                                                         || quiet is BmcResponseException { StatusCode: System.Net.HttpStatusCode.ServiceUnavailable })
                {
                    _sink.WriteVerbose(_host + ": no answer during the " + what + " (expected while the BMC writes); polling on");
                }
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            }
            throw FlashTimedOut(_host, what, timeout);
        }

        private Task<JsonElement> PutAsync((string Path, object Body) request, CancellationToken cancellationToken) =>
            _session.PutJsonAsync(request.Path, request.Body, cancellationToken);

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static EscFirmwareException FlashTimedOut(string host, string what, TimeSpan timeout) =>
            new EscFirmwareException("EscFlashTimeout", ErrorKind.OperationTimeout,
                host + ": the " + what + " did not finish within " + timeout.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " minutes; update mode was left as it is so that a running write is not cut off.",
                recommendedAction: Phrase.Of($"Run {EscCommand.GetBmcState.For(host)} in 10 minutes; run {EscCommand.ExitUpdateMode.For(host)} once it no longer reports a running flash."));
    }
}
