using System;
using System.Net.Http;
using EscFirmware.Core.Catalog;

namespace EscFirmware.Commands
{
    /// <summary>
    /// Turns CatalogCmdlet's plain parameters into Core's catalog types. Strings, not the Core enums, in the cmdlet, so
    /// PowerShell can read the public class before the module's isolation hook exists.
    /// </summary>
    internal static class CatalogArguments
    {
        public static AsusCatalogSettings Settings(string api, Uri? catalogUri)
        {
            var settings = new AsusCatalogSettings { Api = (AsusCatalogApi)Enum.Parse(typeof(AsusCatalogApi), api, ignoreCase: true) };
            if (catalogUri != null) settings.BaseUri = catalogUri;
            return settings;
        }

        public static ReleaseCatalog Catalog(string api, Uri? catalogUri, string? catalogPath, HttpClient? http) =>
            new ReleaseCatalog(http, Settings(api, catalogUri), catalogPath);
    }
}
