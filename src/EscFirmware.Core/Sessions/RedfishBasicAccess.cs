using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using RestSharp;

namespace EscFirmware.Core.Sessions
{
    /// <summary>
    /// HTTP Basic on every request (spec a.6: ASMB12 accepts it, the ASUS scripts read versions with <c>curl -u</c>):
    /// no login or logout round trip and no slot in the BMC's session table. A service that refuses Basic answers 401
    /// without a Basic challenge (RFC 7235 requires one from a service that takes it): then, and only then, this opens a
    /// Redfish session once and carries on through it. A 401 that does challenge for Basic means wrong credentials and
    /// fails as such, so a wrong password costs one failed attempt, not two; so does a lockout (AccessDenied).
    /// </summary>
    public sealed class RedfishBasicAccess : IRedfishAccess
    {
        private readonly BmcCredential _credential;
        private RedfishSession? _session;

        public RedfishBasicAccess(BmcConnection connection, BmcCredential credential)
        {
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        }

        public BmcConnection Connection { get; }

        public string Scheme => _session != null ? "a Redfish session (the service refused HTTP Basic)" : "HTTP Basic";

        public async Task<RedfishResource> GetAsync(string path, CancellationToken cancellationToken)
        {
            if (_session != null) return await _session.GetAsync(path, cancellationToken).ConfigureAwait(false);
            var what = "GET " + path;
            var response = await Connection.ReadAsync(() => Authorized(new RestRequest(path, Method.Get)), what, cancellationToken).ConfigureAwait(false);
            if (RefusesBasic(response))
            {
                _session = await RedfishSession.OpenAsync(Connection, _credential, cancellationToken).ConfigureAwait(false);
                return await _session.GetAsync(path, cancellationToken).ConfigureAwait(false);
            }
            return RedfishResource.From(Connection.Target.DisplayName, path, Connection.EnsureSuccess(response, what, ApiKind.Redfish));
        }

        public async Task<RestResponse> SendAsync(RestRequest request, string what, CancellationToken cancellationToken)
        {
            if (_session != null) return await _session.SendAsync(request, what, cancellationToken).ConfigureAwait(false);
            var response = await Connection.SendOnceAsync(Authorized(request), cancellationToken).ConfigureAwait(false);
            return Connection.EnsureSuccess(response, what, ApiKind.Redfish);
        }

        public void Authorize(HttpRequestMessage request)
        {
            if (_session != null)
            {
                _session.Authorize(request);
                return;
            }
            request.Headers.TryAddWithoutValidation("Authorization", BasicAuthChallenge.Header(_credential));
        }

        public Task CloseAsync() => _session?.CloseAsync() ?? Task.CompletedTask;

        // Built per request, so the encoded password lives no longer than the request that carries it.
        private RestRequest Authorized(RestRequest request) => request.AddOrUpdateHeader("Authorization", BasicAuthChallenge.Header(_credential));

        private static bool RefusesBasic(RestResponse response)
        {
            if (response.StatusCode != HttpStatusCode.Unauthorized) return false;
            // A lockout (AccessDenied) refuses every scheme; a login on top would only prolong it.
            if (VendorErrorBody.Parse(response.Content).MessageIds.Exists(id => id.EndsWith(".AccessDenied", StringComparison.Ordinal))) return false;
            return !BasicAuthChallenge.IsChallenge(response);
        }
    }
}
