using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Updates.Bmc;

namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>
    /// Pushes an image to a DMTF Redfish service, streamed from disk with a Content-Length (some services answer a
    /// chunked body with 411), no <c>Expect: 100-continue</c>, sent once: <c>MultipartHttpPushUri</c> with exactly the
    /// parts <c>UpdateParameters</c> (<c>Targets</c> and an explicit <c>@Redfish.OperationApplyTime</c> — bmcweb defaults
    /// to OnReset) and <c>UpdateFile</c>, or <c>HttpPushUri</c> with the bare image as <c>application/octet-stream</c>.
    /// </summary>
    public static class RedfishImagePush
    {
        private const int CopyBufferSize = 256 * 1024;

        public static string UpdateParameters(string target, string applyTime) =>
            "{\"Targets\":" + JsonSerializer.Serialize(new[] { target }) + ",\"@Redfish.OperationApplyTime\":" + JsonSerializer.Serialize(applyTime) + "}";

        public static Task<PushAnswer> MultipartAsync(IRedfishAccess access, string pushUri, string target, string applyTime, string imagePath,
            TimeSpan timeout, Action<long, long> onProgress, CancellationToken cancellationToken)
        {
            var boundary = "EscFirmware" + Guid.NewGuid().ToString("N");
            var content = new MultipartFormDataContent(boundary);
            content.Headers.Remove("Content-Type");
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);
            var parameters = new StringContent(UpdateParameters(target, applyTime), Encoding.UTF8);
            parameters.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            parameters.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"UpdateParameters\"" };
            content.Add(parameters);
            var file = FileContent(imagePath, onProgress);
            file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"UpdateFile\"", FileName = "\"" + Path.GetFileName(imagePath).Replace("\"", string.Empty) + "\"" };
            content.Add(file);
            return SendAsync(access, pushUri, content, timeout, cancellationToken);
        }

        public static Task<PushAnswer> OctetStreamAsync(IRedfishAccess access, string pushUri, string imagePath,
            TimeSpan timeout, Action<long, long> onProgress, CancellationToken cancellationToken) =>
            SendAsync(access, pushUri, FileContent(imagePath, onProgress), timeout, cancellationToken);

        private static StreamContent FileContent(string imagePath, Action<long, long> onProgress)
        {
            var file = new FileStream(imagePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var total = file.Length;
            var content = new StreamContent(new CountingStream(file, sent => onProgress(sent, total)), CopyBufferSize);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return content;
        }

        private static async Task<PushAnswer> SendAsync(IRedfishAccess access, string pushUri, HttpContent content, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var connection = access.Connection;
            var host = connection.Target.DisplayName;
            using (content)
            using (var request = new HttpRequestMessage(HttpMethod.Post, pushUri) { Content = content })
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                request.Headers.ExpectContinue = false;
                access.Authorize(request);
                limit.CancelAfter(timeout);
                HttpResponseMessage response;
                try
                {
                    response = await connection.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw GenericUpdateErrors.UploadTimeout(host, timeout);
                }
                catch (HttpRequestException failure)
                {
                    throw connection.TransportFailure("the image upload", failure);
                }
                using (response)
                {
                    var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode) throw Refused(host, response, body);
                    return new PushAnswer(response.StatusCode, PathOf(response.Headers.Location), body);
                }
            }
        }

        internal static string? PathOf(Uri? location) =>
            location == null ? null : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

        /// <summary>The error for a refused push or SimpleUpdate: the service's own words and what to do about it.</summary>
        internal static EscFirmwareException Refused(string host, HttpResponseMessage response, string body)
        {
            var status = response.StatusCode;
            var vendor = VendorErrorBody.Parse(body);
            var text = host + ": the BMC refused the update with HTTP " + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)
                + (vendor.Message != null ? ": " + vendor.Message : string.Empty) + ". Nothing was flashed.";
            switch ((int)status)
            {
                case 413:
                    return new RedfishException("EscImageTooLarge", ErrorKind.InvalidData, text, status, vendor.MessageIds,
                        "The image is larger than the BMC's MaxImageSizeBytes: check that it is the right file for this BMC.");
                case 411:
                    return new RedfishException("EscBmcUploadRejected", ErrorKind.ProtocolError, text, status, vendor.MessageIds,
                        "The BMC wants a Content-Length; the file could not be measured. Copy it to a local disk and try again.");
                case 503:
                    var retry = response.Headers.RetryAfter?.Delta;
                    return new RedfishException("EscBmcUpdateInProgress", ErrorKind.ResourceUnavailable, text, status, vendor.MessageIds,
                        "Another update is pending or running on this BMC. Wait for it to finish"
                        + (retry.HasValue ? " (the BMC asks for " + ((int)retry.Value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " s)" : string.Empty)
                        + ", check " + EscCommand.GetFirmwareInventory + ", then try again.");
                case 401:
                case 403:
                    return new RedfishException("EscBmcAccessDenied", ErrorKind.PermissionDenied, text, status, vendor.MessageIds,
                        "Use an account that may update firmware (Administrator role).");
            }
            return new RedfishException("EscBmcUploadRejected", ErrorKind.InvalidOperation, text, status, vendor.MessageIds,
                "Check that the image is meant for this BMC and component; the BMC's message says what it disliked.");
        }
    }
}
