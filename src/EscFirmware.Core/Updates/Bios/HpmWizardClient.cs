using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Ami;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>
    /// The ASUS gen13 HPM wizard calls (spec a.3) over the primary web session, with the rescue session as the way out:
    /// reads (progress, power) fall over to it when the primary session is lost; writes never change session silently.
    /// Neither session logs in again from here on (<see cref="AmiWebSession.KeepForUpdateMode"/>): in update mode the
    /// rescue session is the fallback, not a new login.
    /// </summary>
    internal sealed class HpmWizardClient
    {
        private readonly AmiWebSession _primary;
        private readonly AmiWebSession _rescue;

        public HpmWizardClient(AmiWebSession primary, AmiWebSession rescue)
        {
            _primary = primary;
            _rescue = rescue;
            primary.KeepForUpdateMode();
            rescue.KeepForUpdateMode();
        }

        /// <summary>True once the primary session answered 401: the BMC ended it.</summary>
        public bool PrimaryLost { get; private set; }

        private static EscFirmwareException UpdateModeMalformed(string host) =>
            new EscFirmwareException("EscHpmUpdateModeMalformed", ErrorKind.ProtocolError,
                host + ": hpm/updatemode answered without an integer unique_id, so the update cannot go on and its id is unknown.",
                recommendedAction: Phrase.Of($"Run {EscCommand.GetBmcState.For(host)}; if the BMC refuses logins with code 1348, only an AC power drain recovers it."));

        private string Host => _primary.Connection.Target.DisplayName;

        /// <summary>The upload endpoint and multipart field of a wizard COMPONENT_ID (spec a.3 component table).</summary>
        public static (string Endpoint, string Field)? UploadOf(int componentId)
        {
            switch (componentId)
            {
                case 4: return ("oemfw", "oemimage");
                case 2: return ("biosfw", "hpmbios");
                case 1: return ("mmcfw", "mmc");
                case 11: return ("cpldfw", "hpmcpld");
                default: return null;
            }
        }

        public Task<JsonElement> SaveBiosSettingsAsync(CancellationToken ct) =>
            PutAsync(HpmWizardRequests.MaintenancePath + "/firmware/biosSaveSetting", new { EnableSaveBIOS = 1, Ctrl = 2 }, ct);

        public async Task<int> EnterUpdateModeAsync(CancellationToken ct)
        {
            var answer = await PutAsync(HpmWizardRequests.HpmPath + "updatemode", new { }, ct).ConfigureAwait(false);
            if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("unique_id", out var id)
                && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var fwUpdateId))
            {
                return fwUpdateId;
            }
            throw UpdateModeMalformed(Host);
        }

        /// <summary>The seven ASUS keys, all integers (spec a.3; IS_MMC 1 only for the MMC, CID 1).</summary>
        public Task<JsonElement> PrepareAsync(int fwUpdateId, int componentId, long length, CancellationToken ct) =>
            PutAsync(HpmWizardRequests.HpmPath + "preparecomponents", new
            {
                FWUPDATEID = fwUpdateId,
                COMPONENT_ID = componentId,
                PRODUCT_ID = 0,
                MANAFACTURE_ID = 0,
                HPM_FLAG = 1,
                COMPONENT_DATA_LEN = length,
                IS_MMC = componentId == 1 ? 1 : 0,
            }, ct);

        /// <summary>Streams bytes [offset, offset + length) of the file as the component's multipart field; returns the
        /// SHA-256 of what was sent.</summary>
        public async Task<string> UploadAsync(string path, long offset, long length, int componentId, TimeSpan timeout,
            Action<long> sent, CancellationToken ct)
        {
            var upload = UploadOf(componentId) ?? throw new ArgumentOutOfRangeException(nameof(componentId));
            var what = "POST " + HpmWizardRequests.HpmPath + upload.Endpoint;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan))
            using (var slice = new StreamSlice(file, offset, length, sent))
            using (var content = new MultipartFormDataContent())
            using (var request = new HttpRequestMessage(HttpMethod.Post, HpmWizardRequests.HpmPath + upload.Endpoint))
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                var part = new StreamContent(slice, 81920);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                part.Headers.ContentLength = length;
                content.Add(part, upload.Field, Path.GetFileName(path));
                request.Content = content;
                _primary.Authorize(request);
                deadline.CancelAfter(timeout);
                HttpResponseMessage response;
                try
                {
                    response = await _primary.Connection.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new EscFirmwareException("EscBmcRequestTimeout", ErrorKind.OperationTimeout,
                        Host + ": " + what + " did not complete within " + HostPower.Seconds(timeout) + " s.",
                        recommendedAction: "Check the network path to the BMC; a BIOS upload takes about 20 s on a LAN.");
                }
                catch (HttpRequestException failed)
                {
                    throw _primary.Connection.TransportFailure(what, failed);
                }
                catch (IOException failed)
                {
                    throw _primary.Connection.TransportFailure(what, failed);
                }
                using (response)
                {
                    var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    var vendor = VendorErrorBody.Parse(body);
                    if (!response.IsSuccessStatusCode || vendor.AmiCompletionCode != 0)
                    {
                        throw Rejected(what, response.StatusCode, vendor);
                    }
                }
                return slice.Sha256();
            }
        }

        public Task<JsonElement> FlashAsync(int fwUpdateId, int componentId, long length, CancellationToken ct) =>
            PutAsync(HpmWizardRequests.Flash(fwUpdateId, componentId, length), ct);

        public Task<JsonElement> VerifyAsync(int fwUpdateId, int componentId, long length, CancellationToken ct) =>
            PutAsync(HpmWizardRequests.Verify(fwUpdateId, componentId, length), ct);

        public Task<JsonElement> ActivateAsync(int fwUpdateId, int componentId, CancellationToken ct) =>
            PutAsync(HpmWizardRequests.Activate(fwUpdateId, componentId), ct);

        public async Task<int?> UpgradeProgressAsync(int fwUpdateId, int componentId, CancellationToken ct) =>
            HpmWizardRequests.Progress(await ReadAsync(HpmWizardRequests.UpgradeStatusPath(fwUpdateId, componentId), ct).ConfigureAwait(false));

        public async Task<int?> VerifyProgressAsync(int componentId, CancellationToken ct) =>
            HpmWizardRequests.Progress(await ReadAsync(HpmWizardRequests.VerifyStatusPath(componentId), ct).ConfigureAwait(false));

        /// <summary>The web API's power view, through whichever session still works.</summary>
        public async Task<bool> HostIsOffAsync(CancellationToken ct) =>
            await WithReadSession(s => HostPower.WebSaysOffAsync(s, ct)).ConfigureAwait(false);

        /// <summary>Leaves update mode through the primary session, else the rescue session (any session that knows the
        /// id may, spec b.4). Throws the last failure when neither could.</summary>
        public async Task ExitUpdateModeAsync(int fwUpdateId, IOperationSink sink, CancellationToken ct)
        {
            var exit = HpmWizardRequests.ExitUpdateMode(fwUpdateId);
            if (!PrimaryLost && _primary.IsOpen)
            {
                try
                {
                    await _primary.PutJsonAsync(exit.Path, exit.Body, ct).ConfigureAwait(false);
                    return;
                }
                catch (EscFirmwareException failed)
                {
                    MarkLostOn(failed);
                    sink.WriteWarning(Host + ": exitupdatemode through the primary web session failed (" + failed.Message + "); using the rescue session.");
                }
            }
            await _rescue.PutJsonAsync(exit.Path, exit.Body, ct).ConfigureAwait(false);
        }

        private Task<JsonElement> PutAsync((string Path, object Body) request, CancellationToken ct) => PutAsync(request.Path, request.Body, ct);

        private async Task<JsonElement> PutAsync(string path, object body, CancellationToken ct)
        {
            try
            {
                return await _primary.PutJsonAsync(path, body, ct).ConfigureAwait(false);
            }
            catch (EscFirmwareException failed) when (MarkLostOn(failed))
            {
                throw SessionLost(path, failed);
            }
        }

        private Task<JsonElement> ReadAsync(string path, CancellationToken ct) => WithReadSession(s => s.GetJsonAsync(path, ct));

        private async Task<T> WithReadSession<T>(Func<AmiWebSession, Task<T>> read)
        {
            if (!PrimaryLost)
            {
                try
                {
                    return await read(_primary).ConfigureAwait(false);
                }
                catch (EscFirmwareException failed) when (MarkLostOn(failed))
                {
                    // Read again through the rescue session below.
                }
            }
            try
            {
                return await read(_rescue).ConfigureAwait(false);
            }
            catch (AmiWebException lost) when (lost.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw BothSessionsLost(Host, lost);
            }
        }

        private bool MarkLostOn(EscFirmwareException failed)
        {
            if (failed is AmiWebException web && web.StatusCode == HttpStatusCode.Unauthorized) PrimaryLost = true;
            return PrimaryLost;
        }

        private EscFirmwareException SessionLost(string path, EscFirmwareException cause) =>
            new EscFirmwareException("EscWebSessionLost", ErrorKind.ConnectionError,
                Host + ": the BMC ended the primary web session during the HPM wizard (PUT " + path + " answered 401); the wizard stopped there.",
                recommendedAction: "Update mode is left through the rescue session. Check that nobody else logs in with the same account during an update, then retry.",
                innerException: cause);

        /// <summary>Both sessions of the run answered 401 in update mode: they had worked, so it is no credentials problem.</summary>
        private static EscFirmwareException BothSessionsLost(string host, Exception cause) =>
            new EscFirmwareException("EscWebSessionLost", ErrorKind.ResourceUnavailable,
                host + ": the BMC ended both web sessions of this update (the primary and the rescue session) while in update mode, although the same "
                + "credentials opened them earlier in this run; the wizard cannot be followed any more.",
                recommendedAction: Phrase.Of($"Run {EscCommand.GetBmcState.For(host)}: if it reports update mode and no session survives, only an AC power drain recovers it; check that nobody logs the account out meanwhile."),
                innerException: cause);

        private EscFirmwareException Rejected(string what, HttpStatusCode status, VendorErrorBody vendor) =>
            new AmiWebException("EscHpmUploadRejected", ErrorKind.ProtocolError,
                Host + ": " + what + " was rejected with HTTP " + ((int)status).ToString(CultureInfo.InvariantCulture)
                + (vendor.Message != null ? ": " + vendor.Message : vendor.AmiCompletionCode is int cc ? ": cc " + cc.ToString(CultureInfo.InvariantCulture) : string.Empty) + ".",
                status, vendor.AmiCode, vendor.AmiCompletionCode,
                Phrase.Of($"Check that the image is the board's BIOS .HPM ({EscCommand.TestFirmwareImage}); update mode is left automatically."));
    }
}
