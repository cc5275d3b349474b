using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net.Http;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Packages;
using EscFirmware.Core.Targets;

namespace EscFirmware.Cli.Commands
{
    /// <summary>How the verbs that download (catalog, packages) trust the support site or an internal mirror: the OS store
    /// by default, plus a private CA or pinned thumbprints, for this run's HTTP client only.</summary>
    internal sealed class MirrorTrustOptions
    {
        public Option<string?> CaCertificate { get; } = new Option<string?>("--ca-certificate")
        {
            Description = "Also trust certificates issued by this CA (PEM or DER file): an internal mirror with a private CA. Only for this run's downloads.",
        };

        public Option<string[]> Thumbprint { get; } = new Option<string[]>("--mirror-certificate-thumbprint")
        {
            Description = "Accept exactly the support site's or mirror's certificate with this SHA-256 thumbprint (repeatable).",
            AllowMultipleArgumentsPerToken = true,
        };

        public void AddTo(Command command)
        {
            command.Options.Add(CaCertificate);
            command.Options.Add(Thumbprint);
        }

        public bool Given(ParseResult parse) => parse.GetValue(CaCertificate) != null || (parse.GetValue(Thumbprint)?.Length ?? 0) > 0;

        public HttpClient CreateClient(ParseResult parse, bool skipCertificateCheck = false)
        {
            var thumbprints = parse.GetValue(Thumbprint);
            var ca = parse.GetValue(CaCertificate);
            try
            {
                var policy = TlsPolicy.From(skipCertificateCheck, thumbprints != null && thumbprints.Length > 0 ? thumbprints : null)
                    .TrustingCa(ca == null ? null : Path.GetFullPath(ca));
                return SupportSiteClient.Create(policy);
            }
            catch (EscFirmwareException invalid)
            {
                throw new UsageException(invalid.Message + (invalid.RecommendedAction != null ? " " + invalid.RecommendedAction : string.Empty));
            }
        }
    }
}
