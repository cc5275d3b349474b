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
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>
    /// The Redfish multipart push of an ESC8000 BMC (spec a.6, b.1 step 4): exactly the parts UpdateParameters,
    /// OemParameters <c>{"ImageType":"HPM"}</c> and UpdateFile, in that order, the file streamed from disk through the
    /// connection's raw client (no buffering, no <c>Expect: 100-continue</c>), sent once.
    /// </summary>
    public static class MultipartImageUpload
    {
        // Large blocks: fewer awaits per GiB (each can wait for a CPU on a busy machine); two of them are all the memory an upload takes.
        private const int CopyBufferSize = 1024 * 1024;

        /// <summary>The parameters part: the BMC image target and immediate apply.</summary>
        public static string UpdateParameters(string targetPath) =>
            JsonSerializer.Serialize(new UpdateParametersBody { Targets = new[] { targetPath } });

        public const string OemParameters = "{\"ImageType\":\"HPM\"}";

        /// <summary>Sends the image; returns the task URI (null when the BMC gave none). Throws on anything but 2xx.</summary>
        public static async Task<string?> SendAsync(
            RedfishSession session, string pushUri, string targetPath, string imagePath, TimeSpan timeout, Action<long, long> onProgress, CancellationToken cancellationToken)
        {
            var connection = session.Connection;
            var host = connection.Target.DisplayName;
            var file = new FileStream(imagePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var total = file.Length;
            var boundary = "EscFirmware" + Guid.NewGuid().ToString("N");
            using (var content = new MultipartFormDataContent(boundary))
            using (var request = new HttpRequestMessage(HttpMethod.Post, pushUri))
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // curl's form: an unquoted boundary and quoted part names (some embedded servers parse nothing else).
                content.Headers.Remove("Content-Type");
                content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);
                content.Add(JsonPart("UpdateParameters", UpdateParameters(targetPath)));
                content.Add(JsonPart("OemParameters", OemParameters));
                var filePart = new StreamContent(new CountingStream(file, sent => onProgress(sent, total)), CopyBufferSize);
                filePart.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                filePart.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quoted("UpdateFile"), FileName = Quoted(Path.GetFileName(imagePath)) };
                content.Add(filePart);
                request.Content = content;
                request.Headers.ExpectContinue = false;
                session.Authorize(request);
                limit.CancelAfter(timeout);

                HttpResponseMessage response;
                try
                {
                    response = await connection.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new EscFirmwareException("EscBmcUploadTimeout", ErrorKind.OperationTimeout,
                        host + ": the image upload did not finish within " + timeout.TotalMinutes.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " min.",
                        recommendedAction: Phrase.Of($"Check the link to the BMC; raise {EscParameter.UploadTimeoutSec} for slow links."));
                }
                catch (HttpRequestException failure)
                {
                    throw connection.TransportFailure("the image upload", failure);
                }
                using (response)
                {
                    var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode) throw Rejected(host, response.StatusCode, body);
                    var location = response.Headers.Location;
                    if (location != null) return location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString;
                    return TaskIdOf(body);
                }
            }
        }

        private static StringContent JsonPart(string name, string json)
        {
            var part = new StringContent(json, Encoding.UTF8);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quoted(name) };
            return part;
        }

        private static string Quoted(string value) => "\"" + value.Replace("\"", string.Empty) + "\"";

        private static string? TaskIdOf(string body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using (var document = JsonDocument.Parse(body))
                {
                    return RedfishResource.GetStringAt(document.RootElement, "@odata.id");
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static EscFirmwareException Rejected(string host, HttpStatusCode status, string body)
        {
            var vendor = VendorErrorBody.Parse(body);
            var text = host + ": the BMC refused the image upload with HTTP " + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)
                + (vendor.Message != null ? ": " + vendor.Message : string.Empty) + ".";
            if (vendor.MessageIds.Any(id => id.EndsWith(".UpdateInProgress", StringComparison.Ordinal)))
            {
                return new RedfishException("EscBmcUpdateInProgress", ErrorKind.ResourceUnavailable, text, status, vendor.MessageIds,
                    Phrase.Of($"Another update is running on this BMC. Wait for it to finish ({EscCommand.GetFirmwareVersion} shows the result) and do not reset the BMC meanwhile."));
            }
            if (status == (HttpStatusCode)413)
            {
                return new RedfishException("EscImageTooLarge", ErrorKind.InvalidData, text, status, vendor.MessageIds,
                    "Use the .hpm from the BMC package; the BMC's MaxImageSizeBytes is the limit.");
            }
            return new RedfishException("EscBmcUploadRejected", ErrorKind.InvalidOperation, text, status, vendor.MessageIds,
                "Check that the image is the ASMB BMC .hpm for this server; nothing was flashed.");
        }

        private sealed class UpdateParametersBody
        {
            public string[] Targets { get; set; } = Array.Empty<string>();

            [System.Text.Json.Serialization.JsonPropertyName("@Redfish.OperationApplyTime")]
            public string OperationApplyTime { get; set; } = "Immediate";
        }
    }
}
