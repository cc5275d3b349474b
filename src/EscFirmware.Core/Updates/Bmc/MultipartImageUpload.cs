using System;
using System.Linq;
using System.Net;
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
    /// OemParameters <c>{"ImageType":"HPM"}</c> and UpdateFile, in that order, streamed and sent once by <see cref="StreamedUpload"/>.
    /// </summary>
    public static class MultipartImageUpload
    {
        /// <summary>The parameters part: the BMC image target and immediate apply.</summary>
        public static string UpdateParameters(string targetPath) =>
            JsonSerializer.Serialize(new UpdateParametersBody { Targets = new[] { targetPath } });

        public const string OemParameters = "{\"ImageType\":\"HPM\"}";

        /// <summary>Sends the image; returns the task URI (null when the BMC gave none). Throws on anything but 2xx.</summary>
        public static Task<string?> SendAsync(
            RedfishSession session, string pushUri, string targetPath, string imagePath, TimeSpan timeout, Action<long, long> onProgress, CancellationToken cancellationToken)
        {
            var host = session.Connection.Target.DisplayName;
            var form = StreamedUpload.Form();
            form.Add(StreamedUpload.JsonPart("UpdateParameters", UpdateParameters(targetPath)));
            form.Add(StreamedUpload.JsonPart("OemParameters", OemParameters));
            form.Add(StreamedUpload.FilePart("UpdateFile", imagePath, onProgress));
            return StreamedUpload.PostAsync(session.Connection, pushUri, form, session.Authorize, timeout,
                () => new EscFirmwareException("EscBmcUploadTimeout", ErrorKind.OperationTimeout,
                    host + ": the image upload did not finish within " + timeout.TotalMinutes.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " min.",
                    recommendedAction: Phrase.Of($"Check the link to the BMC; raise {EscParameter.UploadTimeoutSec} for slow links.")),
                "the image upload",
                (response, body) =>
                {
                    if (!response.IsSuccessStatusCode) throw Rejected(host, response.StatusCode, body);
                    var location = response.Headers.Location;
                    if (location != null) return location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString;
                    return TaskIdOf(body);
                },
                cancellationToken);
        }

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
