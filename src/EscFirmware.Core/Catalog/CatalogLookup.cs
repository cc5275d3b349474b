using System.Collections.Generic;

namespace EscFirmware.Core.Catalog
{
    /// <summary>What the catalog holds for one model: releases newest first, or none and the reason in <see cref="Message"/>.</summary>
    public sealed class CatalogLookup
    {
        public CatalogLookup(string model, IReadOnlyList<EscFirmwareRelease> releases, string? message)
        {
            Model = model;
            Releases = releases;
            Message = message;
        }

        public string Model { get; }
        public IReadOnlyList<EscFirmwareRelease> Releases { get; }
        /// <summary>Why <see cref="Releases"/> is empty ("No Data Found", an empty result), or null.</summary>
        public string? Message { get; }
    }
}
