using System;
using System.Management.Automation;
using System.Net.Http;

namespace EscFirmware.Commands
{
    /// <summary>The parameters of cmdlets that read a model's releases: a local catalog file, or the site (or a mirror) and its front-end.</summary>
    public abstract class CatalogCmdlet : SupportSiteCmdlet
    {
        /// <summary>A local catalog file (GetPDBIOS answer, docs/firmware-catalog.md) instead of the ASUS site, for air-gapped sites.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CatalogPath { get; set; }

        /// <summary>The support API's base address (default https://www.asus.com/), for a mirror.</summary>
        [Parameter]
        public Uri? CatalogUri { get; set; }

        /// <summary>Which GetPDBIOS front-end to ask.</summary>
        [Parameter]
        [ValidateSet("ProductV2", "Legacy")]
        public string Api { get; set; } = "ProductV2";

        protected string? ResolvedCatalogPath => CatalogPath == null ? null : GetUnresolvedProviderPathFromPSPath(CatalogPath);

        /// <summary>A client for the site; null when a catalog file is read (no network at all).</summary>
        protected HttpClient? CreateCatalogClient() => CatalogPath == null ? CreateClient() : null;
    }
}
