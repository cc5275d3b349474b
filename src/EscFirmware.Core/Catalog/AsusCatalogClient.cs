using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Catalog
{
    /// <summary>Asks the ASUS support product API (or reads a local catalog file) which BIOS and BMC releases a model has.</summary>
    public sealed class AsusCatalogClient
    {
        private readonly HttpClient _http;
        private readonly AsusCatalogSettings _settings;

        /// <param name="http">The caller's client, so that its TLS policy and proxy apply.</param>
        public AsusCatalogClient(HttpClient http, AsusCatalogSettings settings)
        {
            _http = http;
            _settings = settings;
        }

        public async Task<CatalogLookup> FindAsync(string model, CancellationToken cancellationToken)
        {
            var first = await AskAsync(model, null, cancellationToken).ConfigureAwait(false);
            if (first.Releases.Count > 0) return first;
            // The site sometimes serves an empty cached answer; a cache-busting tag gets the real one (spec d).
            return await AskAsync(model, Guid.NewGuid().ToString("N").Substring(0, 8), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Reads a local JSON file of the GetPDBIOS shape, for sites without Internet access.</summary>
        public static CatalogLookup ReadFile(string path, string model, AsusCatalogSettings settings)
        {
            string json;
            try
            {
                var info = new FileInfo(path);
                if (info.Exists && info.Length > settings.MaxResponseBytes)
                {
                    throw new EscFirmwareException("EscCatalogTooLarge", ErrorKind.InvalidData,
                        $"The catalog file '{path}' is {info.Length:N0} bytes, more than the {settings.MaxResponseBytes:N0} bytes a catalog may have.",
                        recommendedAction: "Pass the catalog file produced as described in docs/firmware-catalog.md.");
                }
                json = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                throw new EscFirmwareException("EscCatalogFileNotFound", ErrorKind.ObjectNotFound, $"The catalog file '{path}' does not exist.",
                    recommendedAction: Phrase.Of($"Check the {EscParameter.CatalogPath} value."), innerException: ex);
            }
            return Parsed(() => AsusCatalogParser.ParseFile(json, model, settings.DownloadBaseUri), path);
        }

        private async Task<CatalogLookup> AskAsync(string model, string? tag, CancellationToken cancellationToken)
        {
            var uri = RequestUri(model, tag);
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_settings.RequestTimeout);
                try
                {
                    using (var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false))
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            throw SupportSiteErrors.CatalogHttpError(uri, model, (int)response.StatusCode, response.ReasonPhrase);
                        }
                        var json = await ReadBoundedAsync(response, timeout.Token).ConfigureAwait(false);
                        return Parsed(() => AsusCatalogParser.Parse(json, model, _settings.DownloadBaseUri), uri.GetLeftPart(UriPartial.Path));
                    }
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw SupportSiteErrors.CatalogTimeout(uri, _settings.RequestTimeout, ex);
                }
                catch (HttpRequestException ex)
                {
                    throw SupportSiteErrors.CatalogUnreachable(uri, ex, _http);
                }
            }
        }

        private Uri RequestUri(string model, string? tag)
        {
            var query = _settings.Api == AsusCatalogApi.Legacy
                ? $"support/api/product.asmx/GetPDBIOS?website={Escape(_settings.Website)}&model={Escape(model)}&pdhashedid=&cpu=&osid=&sitelang=en"
                : $"support/webapi/ProductV2/GetPDBIOS?website={Escape(_settings.Website)}&model={Escape(model)}&pdhashedid=&pdid=99999&cpu=&siteID=www&sitelang=";
            return new Uri(_settings.BaseUri, tag == null ? query : query + "&tag=" + tag);
        }

        private async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var text = new MemoryStream())
            {
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (text.Length + read > _settings.MaxResponseBytes)
                    {
                        throw SupportSiteErrors.CatalogAnswerTooLarge(_settings.MaxResponseBytes);
                    }
                    text.Write(buffer, 0, read);
                }
                return Encoding.UTF8.GetString(text.ToArray());
            }
        }

        private static CatalogLookup Parsed(Func<CatalogLookup> parse, string source)
        {
            try
            {
                return parse();
            }
            catch (JsonException ex)
            {
                throw new EscFirmwareException("EscCatalogInvalid", ErrorKind.InvalidData, $"The catalog from {source} is not valid JSON: {ex.Message}",
                    recommendedAction: "Check that the file or URL is a GetPDBIOS answer (see docs/firmware-catalog.md).", innerException: ex);
            }
            catch (FormatException ex)
            {
                throw new EscFirmwareException("EscCatalogInvalid", ErrorKind.InvalidData, $"The catalog from {source} is not valid: {ex.Message}",
                    recommendedAction: "Fix the field as described in docs/firmware-catalog.md (a version such as 1.29.1 or 0603).", innerException: ex);
            }
        }

        private static string Escape(string value) => WebUtility.UrlEncode(value);
    }
}
