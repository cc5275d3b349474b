using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Catalog
{
    /// <summary>Find-EscFirmware: the newest released BMC and BIOS for each model (or every entry with <see cref="All"/>).</summary>
    public sealed class FindFirmwareOperation
    {
        private readonly HttpClient? _http;
        private readonly AsusCatalogSettings _settings;

        /// <param name="http">Needed unless <see cref="CatalogPath"/> is set.</param>
        public FindFirmwareOperation(HttpClient? http, AsusCatalogSettings settings)
        {
            _http = http;
            _settings = settings;
        }

        public FirmwareComponent? Component { get; set; }
        /// <summary>Every entry, including older and unreleased ones, instead of the newest release per component.</summary>
        public bool All { get; set; }
        /// <summary>A local catalog file instead of the ASUS site.</summary>
        public string? CatalogPath { get; set; }

        public void Run(IReadOnlyList<string> models, IOperationSink sink, CancellationToken cancellationToken) =>
            FleetRunner.Run(models, 1, model => model, FindOneAsync, sink, cancellationToken);

        public async Task FindOneAsync(string model, IOperationSink sink, CancellationToken cancellationToken)
        {
            var lookup = await new ReleaseCatalog(_http, _settings, CatalogPath).LookUpAsync(model, sink, cancellationToken).ConfigureAwait(false);
            var releases = Select(lookup.Releases);
            if (releases.Count == 0)
            {
                var what = Component is FirmwareComponent kind ? kind.ToString().ToUpperInvariant() + " firmware" : "firmware";
                sink.WriteError(new OperationError("EscFirmwareNotFound", ErrorKind.ObjectNotFound,
                    lookup.Message ?? $"The catalog lists no released {what} for '{model}'.", model,
                    recommendedAction: Phrase.Of($"Check the model name as ASUS spells it (for example ESC8000-E12P), or pass {EscParameter.All} to see unreleased entries.")));
                return;
            }
            foreach (var release in releases) sink.WriteObject(release);
        }

        private IReadOnlyList<EscFirmwareRelease> Select(IReadOnlyList<EscFirmwareRelease> releases)
        {
            var wanted = releases.Where(r => Component == null || r.Component == Component);
            if (All) return wanted.ToArray();
            return wanted.Where(r => r.IsRelease).GroupBy(r => r.Component).Select(g => g.First()).OrderBy(r => r.Component == FirmwareComponent.Bios).ToArray();
        }
    }
}
