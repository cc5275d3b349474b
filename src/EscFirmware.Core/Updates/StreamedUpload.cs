using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Updates.Bmc;

namespace EscFirmware.Core.Updates
{
    /// <summary>
    /// The one way an image leaves this machine, whatever the BMC (the AMI multipart push, the DMTF MultipartHttpPushUri
    /// and HttpPushUri, the iLO repository upload): a form in curl's shape, the file streamed from disk through
    /// <see cref="CountingStream"/> in 1 MiB blocks with a Content-Length, no <c>Expect: 100-continue</c>, sent once on
    /// the connection's raw client and bounded by a time limit.
    /// </summary>
    public static class StreamedUpload
    {
        // Large blocks: fewer awaits per GiB (each can wait for a CPU on a busy machine); two of them are all the memory an upload takes.
        private const int CopyBufferSize = 1024 * 1024;

        /// <summary>multipart/form-data with an unquoted boundary (some embedded servers parse nothing else).</summary>
        public static MultipartFormDataContent Form()
        {
            var boundary = "EscFirmware" + Guid.NewGuid().ToString("N");
            var form = new MultipartFormDataContent(boundary);
            form.Headers.Remove("Content-Type");
            form.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);
            return form;
        }

        public static HttpContent JsonPart(string name, string json)
        {
            var part = new StringContent(json, Encoding.UTF8);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return Named(part, name, null);
        }

        public static HttpContent TextPart(string name, string text) => Named(new StringContent(text), name, null);

        /// <summary>The file as an octet-stream part of a form (quoted name and file name, as curl sends them).</summary>
        public static HttpContent FilePart(string name, string path, Action<long, long> onProgress) =>
            Named(FileBody(path, onProgress), name, Path.GetFileName(path));

        /// <summary>The file as a bare octet-stream body; <paramref name="onProgress"/> gets (bytes sent, file length) per block written.</summary>
        public static StreamContent FileBody(string path, Action<long, long> onProgress)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var total = file.Length;
            var content = new StreamContent(new CountingStream(file, sent => onProgress(sent, total)), CopyBufferSize);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return content;
        }

        /// <summary>
        /// POSTs <paramref name="content"/> once and hands the answer (the response and its body, whatever the status) to
        /// <paramref name="answer"/>. The time limit ends in <paramref name="timedOut"/>, a broken connection in the
        /// connection's transport error naming <paramref name="what"/>; the caller's stop stays a cancellation.
        /// </summary>
        public static async Task<T> PostAsync<T>(BmcConnection connection, string uri, HttpContent content, Action<HttpRequestMessage> authorize,
            TimeSpan timeout, Func<EscFirmwareException> timedOut, string what, Func<HttpResponseMessage, string, T> answer, CancellationToken cancellationToken)
        {
            using (content)
            using (var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content })
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                request.Headers.ExpectContinue = false;
                authorize(request);
                limit.CancelAfter(timeout);
                HttpResponseMessage response;
                try
                {
                    response = await connection.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw timedOut();
                }
                catch (HttpRequestException failure)
                {
                    throw connection.TransportFailure(what, failure);
                }
                using (response)
                {
                    return answer(response, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
                }
            }
        }

        private static HttpContent Named(HttpContent part, string name, string? fileName)
        {
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = Quoted(name),
                FileName = fileName == null ? null : Quoted(fileName),
            };
            return part;
        }

        private static string Quoted(string value) => "\"" + value.Replace("\"", string.Empty) + "\"";
    }
}
