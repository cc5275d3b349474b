using System;

namespace EscFirmware.Core.Catalog
{
    /// <summary>Which of the two GetPDBIOS front-ends to ask (spec ami-asus-bmc-api d).</summary>
    public enum AsusCatalogApi
    {
        /// <summary><c>support/webapi/ProductV2/GetPDBIOS</c>; download URLs may be paths.</summary>
        ProductV2,
        /// <summary><c>support/api/product.asmx/GetPDBIOS</c>; download URLs are absolute.</summary>
        Legacy,
    }

    public sealed class AsusCatalogSettings
    {
        /// <summary>Where the support API lives; tests point it at the fake support site.</summary>
        public Uri BaseUri { get; set; } = new Uri("https://www.asus.com/");
        public AsusCatalogApi Api { get; set; } = AsusCatalogApi.ProductV2;
        /// <summary>What path-only download URLs are made absolute against.</summary>
        public Uri DownloadBaseUri { get; set; } = new Uri("https://dlcdnets.asus.com/");
        public string Website { get; set; } = "global";
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>The largest catalog answer read; a larger one is refused rather than held in memory.</summary>
        public int MaxResponseBytes { get; set; } = 8 * 1024 * 1024;
    }
}
