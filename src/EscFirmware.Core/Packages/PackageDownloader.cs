using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Packages
{
    /// <summary>
    /// Downloads a package into a destination folder: streamed into a temporary file beside the target, hashed while it
    /// arrives, renamed only when complete and verified. A copy already there whose SHA-256 is known to be right is kept.
    /// </summary>
    public sealed class PackageDownloader
    {
        private readonly HttpClient _http;
        private readonly PackageSettings _settings;

        /// <param name="http">The caller's client, so that its TLS policy and proxy apply.</param>
        public PackageDownloader(HttpClient http, PackageSettings settings)
        {
            _http = http;
            _settings = settings;
        }

        /// <param name="progress">Called with bytes received so far and the total when the server says it.</param>
        public async Task<DownloadedPackage> DownloadAsync(Uri uri, string destinationDirectory, string? expectedSha256, Action<long, long?>? progress, CancellationToken cancellationToken)
        {
            var expected = FileHash.Normalize(expectedSha256);
            Directory.CreateDirectory(destinationDirectory);
            var target = Path.Combine(Path.GetFullPath(destinationDirectory), FileNameOf(uri));
            var recorded = target + ".sha256";
            if (File.Exists(target))
            {
                var present = FileHash.Sha256(target, cancellationToken);
                var known = expected ?? (File.Exists(recorded) ? File.ReadAllText(recorded).Split(' ').FirstOrDefault()?.Trim() : null);
                if (present == known) return new DownloadedPackage(target, present, reused: true);
            }
            var partial = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
            try
            {
                var sha256 = await FetchAsync(uri, partial, progress, cancellationToken).ConfigureAwait(false);
                if (expected != null && sha256 != expected)
                {
                    throw SupportSiteErrors.HashMismatch(uri, sha256, expected);
                }
                if (File.Exists(target)) File.Delete(target);
                File.Move(partial, target);
                File.WriteAllText(recorded, sha256 + "  " + Path.GetFileName(target) + "\n");
                return new DownloadedPackage(target, sha256, reused: false);
            }
            finally
            {
                if (File.Exists(partial)) File.Delete(partial);
            }
        }

        private async Task<string> FetchAsync(Uri uri, string partial, Action<long, long?>? progress, CancellationToken cancellationToken)
        {
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(_settings.ResponseTimeout);
                try
                {
                    using (var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false))
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            throw SupportSiteErrors.DownloadHttpError(uri, (int)response.StatusCode, response.ReasonPhrase);
                        }
                        var total = response.Content.Headers.ContentLength;
                        if (total > _settings.MaxDownloadBytes) throw TooLarge(uri);
                        deadline.CancelAfter(_settings.StallTimeout);
                        using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                        using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
                        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                        {
                            var buffer = new byte[128 * 1024];
                            long received = 0;
                            int read;
                            while ((read = await body.ReadAsync(buffer, 0, buffer.Length, deadline.Token).ConfigureAwait(false)) > 0)
                            {
                                deadline.CancelAfter(_settings.StallTimeout);
                                received += read;
                                if (received > _settings.MaxDownloadBytes) throw TooLarge(uri);
                                hash.AppendData(buffer, 0, read);
                                await file.WriteAsync(buffer, 0, read, deadline.Token).ConfigureAwait(false);
                                progress?.Invoke(received, total);
                            }
                            if (total is long length && received != length)
                            {
                                throw SupportSiteErrors.DownloadIncomplete(uri, received, length);
                            }
                            await file.FlushAsync(deadline.Token).ConfigureAwait(false);
                            return FileHash.Hex(hash.GetHashAndReset());
                        }
                    }
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw SupportSiteErrors.DownloadTimeout(uri, _settings.StallTimeout, _settings.ResponseTimeout, ex);
                }
                catch (HttpRequestException ex)
                {
                    throw SupportSiteErrors.DownloadFailed(uri, ex, _http);
                }
            }
        }

        private EscFirmwareException TooLarge(Uri uri) => SupportSiteErrors.DownloadTooLarge(uri, _settings.MaxDownloadBytes);

        private static string FileNameOf(Uri uri)
        {
            var name = Path.GetFileName(Uri.UnescapeDataString(uri.AbsolutePath));
            var invalid = Path.GetInvalidFileNameChars();
            name = new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray()).Trim('.', ' ');
            return name.Length == 0 ? "package.zip" : name;
        }
    }
}
