using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using RestSharp;

namespace EscFirmware.Core.Sessions
{
    /// <summary>
    /// A Redfish session (<c>POST SessionService/Sessions</c>, <c>X-Auth-Token</c>). Closing deletes it on the BMC; it
    /// runs on success, error and cancellation alike, bounded by the logout timeout. Callers close it with an awaited
    /// <see cref="CloseAsync"/> in finally: a blocking Dispose would pin a pool thread per BMC and starve a fleet.
    /// </summary>
    public sealed class RedfishSession : IRedfishAccess
    {
        private const string SessionsPath = "/redfish/v1/SessionService/Sessions";
        private readonly string _token;
        private string? _location;

        private RedfishSession(BmcConnection connection, string token, string location)
        {
            Connection = connection;
            _token = token;
            _location = location;
        }

        public BmcConnection Connection { get; }
        public bool IsOpen => _location != null;
        public string Scheme => "a Redfish session";

        public static async Task<RedfishSession> OpenAsync(BmcConnection connection, BmcCredential credential, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = new RestRequest(SessionsPath, Method.Post);
            // Serialized here: RestSharp's default serializer camel-cases names, and Redfish property names are case-sensitive.
            credential.UsePassword(password => request.AddStringBody(JsonSerializer.Serialize(new { UserName = credential.UserName, Password = password }), ContentType.Json));
            // Not cancelled mid-flight: the BMC may already have created the session, and only its answer lets us delete it.
            var response = connection.EnsureSuccess(await connection.SendOnceAsync(request, CancellationToken.None).ConfigureAwait(false), "Redfish login", ApiKind.Redfish);
            var token = RedfishResource.HeaderValue(response, "X-Auth-Token");
            var location = RedfishResource.HeaderValue(response, "Location") ?? BodyId(response);
            if (token == null || location == null)
            {
                throw new Operations.EscFirmwareException("EscRedfishSessionMalformed", Operations.ErrorKind.ProtocolError,
                    connection.Target.DisplayName + ": the BMC created a Redfish session but did not return its token and location.",
                    recommendedAction: "Check that the address points at the BMC's Redfish service.");
            }
            var path = Uri.TryCreate(location, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : location;
            var session = new RedfishSession(connection, token, path);
            if (cancellationToken.IsCancellationRequested)
            {
                await session.CloseAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            return session;
        }

        public async Task<RedfishResource> GetAsync(string path, CancellationToken cancellationToken)
        {
            var response = await Connection.ReadAsync(() => Authorized(new RestRequest(path, Method.Get)), "GET " + path, cancellationToken).ConfigureAwait(false);
            return RedfishResource.From(path, Connection.EnsureSuccess(response, "GET " + path, ApiKind.Redfish));
        }

        /// <summary>A write, sent once. The caller decides what a failure means; nothing is retried here.</summary>
        public async Task<RestResponse> SendAsync(RestRequest request, string what, CancellationToken cancellationToken)
        {
            var response = await Connection.SendOnceAsync(Authorized(request), cancellationToken).ConfigureAwait(false);
            return Connection.EnsureSuccess(response, what, ApiKind.Redfish);
        }

        /// <summary>Adds this session's token to a request the caller sends itself (streamed uploads).</summary>
        public void Authorize(System.Net.Http.HttpRequestMessage request) => request.Headers.Add("X-Auth-Token", _token);

        public RestRequest Authorized(RestRequest request) => request.AddHeader("X-Auth-Token", _token);

        /// <summary>Deletes the session on the BMC. Safe to call twice; never throws for a BMC that is gone.</summary>
        public async Task CloseAsync()
        {
            var location = Interlocked.Exchange(ref _location, null);
            if (location == null) return;
            using (var timeout = new CancellationTokenSource(Connection.Settings.LogoutTimeout))
            {
                try
                {
                    var request = Authorized(new RestRequest(location, Method.Delete));
                    var response = await Connection.SendOnceAsync(request, timeout.Token).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.NotFound) return; // the BMC rebooted and forgot it
                }
                catch (OperationCanceledException)
                {
                    // The BMC did not answer within the logout timeout; its idle timeout will clear the session.
                }
            }
        }

        private static string? BodyId(RestResponse response)
        {
            if (string.IsNullOrEmpty(response.Content)) return null;
            using (var document = JsonDocument.Parse(response.Content!))
            {
                return RedfishResource.GetStringAt(document.RootElement, "@odata.id");
            }
        }
    }
}
