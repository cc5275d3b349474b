using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Transport;

namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>
    /// Pushes an image to a DMTF Redfish service through <see cref="StreamedUpload"/> (streamed with a Content-Length —
    /// some services answer a chunked body with 411 —, sent once): <c>MultipartHttpPushUri</c> with exactly the
    /// parts <c>UpdateParameters</c> (<c>Targets</c> and an explicit <c>@Redfish.OperationApplyTime</c> — bmcweb defaults
    /// to OnReset) and <c>UpdateFile</c>, or <c>HttpPushUri</c> with the bare image as <c>application/octet-stream</c>.
    /// </summary>
    public static class RedfishImagePush
    {
        public static string UpdateParameters(string target, string applyTime) =>
            "{\"Targets\":" + JsonSerializer.Serialize(new[] { target }) + ",\"@Redfish.OperationApplyTime\":" + JsonSerializer.Serialize(applyTime) + "}";

        public static Task<PushAnswer> MultipartAsync(IRedfishAccess access, string pushUri, string target, string applyTime, string imagePath,
            TimeSpan timeout, Action<long, long> onProgress, CancellationToken cancellationToken)
        {
            var form = StreamedUpload.Form();
            form.Add(StreamedUpload.JsonPart("UpdateParameters", UpdateParameters(target, applyTime)));
            form.Add(StreamedUpload.FilePart("UpdateFile", imagePath, onProgress));
            return SendAsync(access, pushUri, form, timeout, cancellationToken);
        }

        public static Task<PushAnswer> OctetStreamAsync(IRedfishAccess access, string pushUri, string imagePath,
            TimeSpan timeout, Action<long, long> onProgress, CancellationToken cancellationToken) =>
            SendAsync(access, pushUri, StreamedUpload.FileBody(imagePath, onProgress), timeout, cancellationToken);

        private static Task<PushAnswer> SendAsync(IRedfishAccess access, string pushUri, HttpContent content, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var host = access.Connection.Target.DisplayName;
            return StreamedUpload.PostAsync(access.Connection, pushUri, content, access.Authorize, timeout, () => GenericUpdateErrors.UploadTimeout(host, timeout), "the image upload",
                (response, body) => response.IsSuccessStatusCode ? new PushAnswer(response.StatusCode, PathOf(response.Headers.Location), body) : throw Refused(host, response, body),
                cancellationToken);
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
