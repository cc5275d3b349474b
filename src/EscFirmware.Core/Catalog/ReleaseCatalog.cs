using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;

namespace EscFirmware.Core.Catalog
{
    /// <summary>Where releases come from: a local catalog file when one is given, else the ASUS support site (or its mirror).</summary>
    public sealed class ReleaseCatalog
    {
        private readonly HttpClient? _http;
        private readonly AsusCatalogSettings _settings;
        private readonly string? _catalogPath;

        /// <param name="http">Needed unless <paramref name="catalogPath"/> is set.</param>
        public ReleaseCatalog(HttpClient? http, AsusCatalogSettings settings, string? catalogPath)
        {
            _http = http;
            _settings = settings;
            _catalogPath = catalogPath;
        }

        /// <summary>The source in words, for messages: "the catalog file '…'" or "the ASUS support site (www.asus.com)".</summary>
        public string Source => _catalogPath != null ? "the catalog file '" + _catalogPath + "'" : "the ASUS support site (" + _settings.BaseUri.Host + ")";

        public Task<CatalogLookup> LookUpAsync(string model, IOperationSink sink, CancellationToken cancellationToken)
        {
            if (_catalogPath != null)
            {
                sink.WriteVerbose($"Reading the catalog file '{_catalogPath}' for '{model}'.");
                return Task.FromResult(AsusCatalogClient.ReadFile(_catalogPath, model, _settings));
            }
            if (_http == null) throw new InvalidOperationException("An HTTP client is needed to ask the ASUS support site.");
            sink.WriteVerbose($"Asking {_settings.BaseUri.Host} ({_settings.Api}) for '{model}'.");
            return new AsusCatalogClient(_http, _settings).FindAsync(model, cancellationToken);
        }
    }
}
