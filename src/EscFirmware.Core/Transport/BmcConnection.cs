using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Targets;
using Polly;
using Polly.Timeout;
using RestSharp;

namespace EscFirmware.Core.Transport
{
    /// <summary>
    /// One HTTPS connection to one BMC: an HttpClient with this target's certificate check, the RestSharp client over it,
    /// and the read-retry pipeline. Sessions (Redfish, AMI web) are layered on top. Streaming uploads use <see cref="Http"/>
    /// directly so that image bytes flow from disk to socket without buffering.
    /// </summary>
    public sealed class BmcConnection : IDisposable
    {
        private readonly CertificateInspector _certificates;
        private readonly ResiliencePipeline<RestResponse> _readPipeline;
        private readonly TraceWriter? _trace;
        private int _requests;

        public BmcConnection(BmcTarget target, TlsPolicy tls, BmcConnectionSettings settings, TraceWriter? trace = null, RedfishServiceFacts? facts = null)
        {
            Target = target;
            Tls = tls;
            Settings = settings;
            _trace = trace;
            Facts = facts ?? new RedfishServiceFacts();
            _certificates = new CertificateInspector(tls);
            var handler = new HttpClientHandler
            {
                UseCookies = false,
                AllowAutoRedirect = false,
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => _certificates.Validate(message, certificate, chain, errors),
            };
            Http = new HttpClient(handler, disposeHandler: true) { BaseAddress = target.BaseUri, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            Http.DefaultRequestHeaders.ExpectContinue = false;
            Rest = new RestClient(Http, new RestClientOptions(target.BaseUri)
            {
                Expect100Continue = false,
                FollowRedirects = false,
                ThrowOnAnyError = false,
                UserAgent = "EscFirmware",
            }, disposeHttpClient: false);
            _readPipeline = ReadRetryPipeline.Build(settings);
        }

        public BmcTarget Target { get; }
        public TlsPolicy Tls { get; }
        public BmcConnectionSettings Settings { get; }

        /// <summary>What this BMC's Redfish service supports, as learned so far this run.</summary>
        public RedfishServiceFacts Facts { get; }

        /// <summary>Requests sent through <see cref="Rest"/> so far, retries included: what verbose output reports per host.</summary>
        public int RequestCount => Volatile.Read(ref _requests);

        /// <summary>The raw client, for streamed multipart uploads. Carries no credentials by itself.</summary>
        public HttpClient Http { get; }

        internal RestClient Rest { get; }

        /// <summary>An idempotent read: retried on connection failures and 503 within the read deadline.</summary>
        internal async Task<RestResponse> ReadAsync(Func<RestRequest> request, string what, CancellationToken cancellationToken)
        {
            try
            {
                return await _readPipeline.ExecuteAsync(async token => await ExecuteAsync(request(), token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException)
            {
                throw BmcErrors.TimedOut(Target.DisplayName, what, Settings.ReadDeadline);
            }
        }

        /// <summary>
        /// A login: sent again only when the BMC did not process it (503, connection refused or reset before an answer),
        /// within the login deadline. Never cancelled mid-flight: the BMC may have created the session, and only its answer
        /// lets the caller close it; cancellation ends the waits between attempts.
        /// </summary>
        /// <param name="explainUnavailable">Asked once, at the first 503: an error that says why the BMC will stay
        /// unavailable (update mode), which ends the login at once; null to keep retrying.</param>
        internal async Task<RestResponse> LoginAsync(Func<RestRequest> request, string what, ApiKind api, CancellationToken cancellationToken,
            Func<Task<EscFirmwareException?>>? explainUnavailable = null)
        {
            var pipeline = LoginRetryPipeline.Build(Settings, () => _certificates.Refused);
            var explained = false;
            var response = await pipeline.ExecuteAsync(async _ =>
            {
                var answer = await ExecuteAsync(request(), CancellationToken.None).ConfigureAwait(false);
                if (answer.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && explainUnavailable != null && !explained)
                {
                    explained = true;
                    var lasting = await explainUnavailable().ConfigureAwait(false);
                    if (lasting != null) throw lasting;
                }
                return answer;
            }, cancellationToken).ConfigureAwait(false);
            return EnsureSuccess(response, what, api);
        }

        /// <summary>A single attempt: for writes, which are never retried blindly.</summary>
        internal Task<RestResponse> SendOnceAsync(RestRequest request, CancellationToken cancellationToken) => ExecuteAsync(request, cancellationToken);

        private async Task<RestResponse> ExecuteAsync(RestRequest request, CancellationToken cancellationToken)
        {
            if (request.Timeout == null) request.Timeout = Settings.RequestTimeout;
            Interlocked.Increment(ref _requests);
            var clock = Stopwatch.StartNew();
            var response = await Rest.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            for (var hop = 0; hop < MaxRedirects && SameOriginRedirect(request, response) is string next; hop++)
            {
                _trace?.Write(Target.DisplayName + ": " + request.Resource + " redirected to " + next);
                request.Resource = next;
                response = await Rest.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            _trace?.Write(Target.DisplayName + ": " + request.Method.ToString().ToUpperInvariant() + " " + request.Resource + " -> "
                + (response.StatusCode != 0 ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : response.ResponseStatus.ToString())
                + " in " + clock.ElapsedMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms");
            return response;
        }

        private const int MaxRedirects = 5;

        /// <summary>
        /// Where a redirect points when it stays on this BMC (same scheme, host and port), else null: some services send
        /// <c>/redfish/v1</c> to <c>/redfish/v1/</c>. 307/308 keep the method and body; 301/302/303 are followed for reads
        /// only. A redirect to anywhere else is not followed, so credentials never leave for another host.
        /// </summary>
        private string? SameOriginRedirect(RestRequest request, RestResponse response)
        {
            var status = (int)response.StatusCode;
            var keepsMethod = status == 307 || status == 308;
            if (!keepsMethod && !((status == 301 || status == 302 || status == 303) && request.Method == Method.Get)) return null;
            var location = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Location", StringComparison.OrdinalIgnoreCase))?.Value as string;
            if (string.IsNullOrEmpty(location) || !Uri.TryCreate(Target.BaseUri, location, out var next)) return null;
            return Uri.Compare(next, Target.BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
                ? next.PathAndQuery
                : null;
        }

        /// <summary>Throws the typed exception for a response that is not a success; returns it otherwise.</summary>
        internal RestResponse EnsureSuccess(RestResponse response, string what, ApiKind api)
        {
            if (response.IsSuccessStatusCode) return response;
            throw Failure(response, what, api);
        }

        internal EscFirmwareException Failure(RestResponse response, string what, ApiKind api)
        {
            if (_certificates.Refused) return BmcErrors.CertificateRefused(Target.DisplayName, _certificates.PresentedSha256, Tls.IsPinned);
            if (response.ResponseStatus == ResponseStatus.TimedOut) return BmcErrors.TimedOut(Target.DisplayName, what, Settings.RequestTimeout);
            // RestSharp marks HTTP error statuses as ResponseStatus.Error too: no status code means no answer at all.
            if (response.StatusCode == 0 && NoAnswerKind.Of(response) == NoAnswer.PlainHttp) return BmcErrors.PlainHttp(Target.DisplayName, what);
            if (response.StatusCode == 0) return BmcErrors.Unreachable(Target.DisplayName, what, response.ErrorException);
            return BmcErrors.FromResponse(Target.DisplayName, response, what, api);
        }

        /// <summary>The same mapping for the raw client's failures (streamed uploads).</summary>
        public EscFirmwareException TransportFailure(string what, Exception cause)
        {
            if (_certificates.Refused) return BmcErrors.CertificateRefused(Target.DisplayName, _certificates.PresentedSha256, Tls.IsPinned);
            if (NoAnswerKind.Of(cause) == NoAnswer.PlainHttp) return BmcErrors.PlainHttp(Target.DisplayName, what);
            return BmcErrors.Unreachable(Target.DisplayName, what, cause);
        }

        public void Dispose()
        {
            Rest.Dispose();
            Http.Dispose();
        }
    }
}
