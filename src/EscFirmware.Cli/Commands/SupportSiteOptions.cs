using System;
using System.CommandLine;
using System.Net.Http;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Updates;

namespace EscFirmware.Cli.Commands
{
    /// <summary>The options of verbs that ask the ASUS support site (or a mirror, or a local catalog file).</summary>
    internal sealed class SupportSiteOptions
    {
        public Option<string?> Model { get; } = new Option<string?>("--model") { Description = "The model as ASUS spells it, e.g. ESC8000-E12P." };
        public Option<string?> Component { get; } = new Option<string?>("--component") { Description = "Only bmc or only bios." };
        public Option<string?> CatalogPath { get; } = new Option<string?>("--catalog-path") { Description = "A local catalog file instead of the ASUS site (docs/firmware-catalog.md)." };
        public Option<string?> CatalogUri { get; } = new Option<string?>("--catalog-uri") { Description = "The support API's base address (default https://www.asus.com/)." };
        public Option<bool> LegacyApi { get; } = new Option<bool>("--legacy-api") { Description = "Ask support/api/product.asmx/GetPDBIOS instead of ProductV2." };
        public Option<bool> SkipCertificateCheck { get; } = new Option<bool>("--skip-certificate-check") { Description = "Accept any certificate from the site or mirror (labs only)." };
        public MirrorTrustOptions Trust { get; } = new MirrorTrustOptions();

        public void AddTo(Command command, bool withCatalog)
        {
            if (withCatalog)
            {
                foreach (var option in new Option[] { Model, Component, CatalogPath, CatalogUri, LegacyApi }) command.Options.Add(option);
            }
            command.Options.Add(SkipCertificateCheck);
            Trust.AddTo(command);
        }

        public HttpClient CreateClient(ParseResult parse) => Trust.CreateClient(parse, parse.GetValue(SkipCertificateCheck));

        public FindFirmwareOperation FindOperation(ParseResult parse, HttpClient? http) =>
            new FindFirmwareOperation(http, Settings(parse)) { Component = ComponentOf(parse), CatalogPath = parse.GetValue(CatalogPath) };

        /// <summary>Where releases come from: the catalog file, or the site (front-end and base address as given).</summary>
        public ReleaseCatalog Catalog(ParseResult parse, HttpClient? http) => new ReleaseCatalog(http, Settings(parse), parse.GetValue(CatalogPath));

        private AsusCatalogSettings Settings(ParseResult parse)
        {
            var settings = new AsusCatalogSettings { Api = parse.GetValue(LegacyApi) ? AsusCatalogApi.Legacy : AsusCatalogApi.ProductV2 };
            if (parse.GetValue(CatalogUri) is string uri) settings.BaseUri = AbsoluteUri(uri, "--catalog-uri");
            return settings;
        }

        public static Uri AbsoluteUri(string text, string option) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? uri
                : throw new UsageException(option + " must be an absolute http(s) address.");

        public string RequireModel(ParseResult parse) =>
            parse.GetValue(Model) is string model && model.Length > 0 ? model : throw new UsageException("--model is required.");

        private FirmwareComponent? ComponentOf(ParseResult parse)
        {
            var text = parse.GetValue(Component);
            if (string.IsNullOrEmpty(text)) return null;
            if (string.Equals(text, "bmc", StringComparison.OrdinalIgnoreCase)) return FirmwareComponent.Bmc;
            if (string.Equals(text, "bios", StringComparison.OrdinalIgnoreCase)) return FirmwareComponent.Bios;
            throw new UsageException("--component must be bmc or bios.");
        }
    }
}
