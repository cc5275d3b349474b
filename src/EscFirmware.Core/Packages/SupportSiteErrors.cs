using System;
using System.Net.Http;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Packages
{
    /// <summary>
    /// Errors of the support site or an internal mirror of it (catalog requests and package downloads): named as the
    /// server's, never as a BMC's, and a refused certificate says which options trust a private mirror.
    /// </summary>
    internal static class SupportSiteErrors
    {
        public static EscFirmwareException DownloadHttpError(Uri uri, int status, string? reason) =>
            new EscFirmwareException("EscDownloadHttpError", ErrorKind.ResourceUnavailable,
                $"The download server {uri.Host} (the support site or a mirror) answered HTTP {status} ({reason}) for {uri}; nothing was saved.",
                recommendedAction: Phrase.Of($"Check the URL ({EscCommand.FindFirmware} gives the current one); on a mirror, check that it holds the file at that path (docs/package-cache.md)."));

        public static EscFirmwareException CatalogHttpError(Uri uri, string model, int status, string? reason) =>
            new EscFirmwareException("EscCatalogHttpError", ErrorKind.ResourceUnavailable,
                $"The catalog server {uri.Host} (the ASUS support site or a mirror) answered HTTP {status} ({reason}) when asked for '{model}'.",
                recommendedAction: Phrase.Of($"Try again later, check the mirror's address, or use a local catalog file ({EscParameter.CatalogPath})."));

        public static EscFirmwareException DownloadFailed(Uri uri, HttpRequestException failure, HttpClient http) =>
            CertificateRefused("EscDownloadFailed", uri, failure, http)
            ?? new EscFirmwareException("EscDownloadFailed", ErrorKind.ConnectionError, $"Downloading {uri} failed: {Innermost(failure)}",
                recommendedAction: "Check the network and proxy, then try again.", innerException: failure);

        public static EscFirmwareException CatalogUnreachable(Uri uri, HttpRequestException failure, HttpClient http) =>
            CertificateRefused("EscCatalogUnreachable", uri, failure, http)
            ?? new EscFirmwareException("EscCatalogUnreachable", ErrorKind.ConnectionError,
                $"The catalog server {uri.Host} (the ASUS support site or a mirror) cannot be reached: {Innermost(failure)}",
                recommendedAction: Phrase.Of($"Check the proxy and network, or use a local catalog file ({EscParameter.CatalogPath})."), innerException: failure);

        public static EscFirmwareException HashMismatch(Uri uri, string sha256, string expected) =>
            new EscFirmwareException("EscPackageHashMismatch", ErrorKind.InvalidData,
                $"The file downloaded from {uri} has SHA-256 {sha256}, not the expected {expected}; it was discarded.",
                recommendedAction: "Try the download again; if it keeps differing, check the expected hash with the vendor (or the mirror's copy).");

        public static EscFirmwareException DownloadIncomplete(Uri uri, long received, long length) =>
            new EscFirmwareException("EscDownloadIncomplete", ErrorKind.ConnectionError,
                $"The download of {uri} ended after {received:N0} of {length:N0} bytes.",
                recommendedAction: "Try again; nothing was kept from the broken download.");

        public static EscFirmwareException DownloadTimeout(Uri uri, TimeSpan stall, TimeSpan response, Exception stopped) =>
            new EscFirmwareException("EscDownloadTimeout", ErrorKind.OperationTimeout,
                $"The download of {uri} stalled: no data within {stall.TotalSeconds:0} seconds (or no answer within {response.TotalSeconds:0} seconds).",
                recommendedAction: "Check the network and proxy, then try again.", innerException: stopped);

        public static EscFirmwareException DownloadTooLarge(Uri uri, long limit) =>
            new EscFirmwareException("EscDownloadTooLarge", ErrorKind.InvalidData,
                $"The file at {uri} is larger than {limit:N0} bytes, more than any firmware package; it was not kept.",
                recommendedAction: "Check the URL; raise the download bound only for a package known to be this large.");

        public static EscFirmwareException CatalogTimeout(Uri uri, TimeSpan limit, Exception stopped) =>
            new EscFirmwareException("EscCatalogTimeout", ErrorKind.OperationTimeout,
                $"The catalog server {uri.Host} (the ASUS support site or a mirror) did not answer within {limit.TotalSeconds:0} seconds.",
                recommendedAction: Phrase.Of($"Check the proxy and network, or use a local catalog file ({EscParameter.CatalogPath})."), innerException: stopped);

        public static EscFirmwareException CatalogAnswerTooLarge(long limit) =>
            new EscFirmwareException("EscCatalogTooLarge", ErrorKind.InvalidData,
                $"The catalog answer is larger than {limit:N0} bytes; it is not a GetPDBIOS answer.",
                recommendedAction: Phrase.Of($"Check the catalog's address ({EscParameter.CatalogUri})."));

        public static EscFirmwareException CaCertificateUnreadable(string path, string why) =>
            new EscFirmwareException("EscCaCertificateUnreadable", ErrorKind.InvalidArgument,
                $"The CA certificate file '{path}' cannot be used: {why}.",
                recommendedAction: Phrase.Of($"Give {EscParameter.CaCertificate} the mirror's CA certificate as a PEM (BEGIN CERTIFICATE) or DER file."));

        /// <summary>The server's certificate was refused by the client's check: which one, and how to trust it.</summary>
        private static EscFirmwareException? CertificateRefused(string errorId, Uri uri, HttpRequestException failure, HttpClient http)
        {
            if (!(http is SupportSiteHttpClient client) || !client.Inspector.Refused) return null;
            var sha256 = client.Inspector.PresentedSha256 ?? "unknown";
            return new EscFirmwareException(errorId, ErrorKind.SecurityError,
                $"The certificate of {uri.Host} is not trusted ({client.Inspector.PresentedErrors}; SHA-256 {sha256}); nothing was downloaded.",
                recommendedAction: Phrase.Of($"For an internal mirror, trust its CA with {EscParameter.CaCertificate} or pin its certificate with {EscParameter.MirrorCertificateThumbprint.With(sha256)}."),
                innerException: failure);
        }

        private static string Innermost(Exception failure) => failure.GetBaseException().Message;
    }
}
