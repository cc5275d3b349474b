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
    /// A read answered 401 logs in again once and reads again: BMCs end sessions on their own (short token lifetimes,
    /// a reboot), and that is not a credentials problem.
    /// The login takes 201, 204 or 200; a service that reads the credentials only from HTTP Basic says so with a Basic
    /// challenge on its 401, and gets the login again with Basic. A session without a Location has nothing to delete
    /// (<see cref="CanLogOut"/>); the BMC's idle timeout ends it.
    /// </summary>
    public sealed class RedfishSession : IRedfishAccess
    {
        private const string SessionsPath = "/redfish/v1/SessionService/Sessions";
        private readonly BmcCredential _credential;
        private string _token;
        private string? _location;
        private int _open;

        private RedfishSession(BmcConnection connection, BmcCredential credential, (string Token, string? Location) opened)
        {
            Connection = connection;
            _credential = credential;
            _token = opened.Token;
            _location = opened.Location;
            _open = 1;
        }

        public BmcConnection Connection { get; }
        public bool IsOpen => Volatile.Read(ref _open) == 1;

        /// <summary>False when the service gave no Location for the session: there is nothing to DELETE.</summary>
        public bool CanLogOut => _location != null;

        /// <summary>The session token, for the iLO upload that also wants it as a form part and a cookie. Never logged.</summary>
        internal string Token => _token;
        public string Scheme => "a Redfish session";

        /// <summary>How many times this session was re-established after the BMC ended it.</summary>
        public int Renewals { get; private set; }

        public static async Task<RedfishSession> OpenAsync(BmcConnection connection, BmcCredential credential, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var session = new RedfishSession(connection, credential, await LoginAsync(connection, credential, cancellationToken).ConfigureAwait(false));
            if (cancellationToken.IsCancellationRequested)
            {
                await session.CloseAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            return session;
        }

        private static async Task<(string Token, string? Location)> LoginAsync(BmcConnection connection, BmcCredential credential, CancellationToken cancellationToken)
        {
            RestResponse response;
            try
            {
                response = await connection.LoginAsync(() => LoginRequest(credential, withBasic: false), "Redfish login", ApiKind.Redfish, cancellationToken, () => UpdateModeSignatureAsync(connection, credential, cancellationToken)).ConfigureAwait(false);
            }
            catch (RedfishException refused) when (refused.ChallengesBasic)
            {
                // The service reads the login's credentials from an Authorization header only (spec redfish-update 1).
                response = await connection.LoginAsync(() => LoginRequest(credential, withBasic: true), "Redfish login", ApiKind.Redfish, cancellationToken, () => UpdateModeSignatureAsync(connection, credential, cancellationToken)).ConfigureAwait(false);
            }
            var token = RedfishResource.HeaderValue(response, "X-Auth-Token");
            if (token == null && NotRedfishService.IsNotJson(response.Content))
            {
                throw RedfishResource.NotRedfish(connection.Target.DisplayName, SessionsPath, NotRedfishService.Describe(response.Content));
            }
            var location = RedfishResource.HeaderValue(response, "Location") ?? BodyId(response);
            if (token == null)
            {
                if (await NotRedfishService.RefusalAsync(connection, cancellationToken).ConfigureAwait(false) is Operations.EscFirmwareException notRedfish) throw notRedfish;
                throw new Operations.EscFirmwareException("EscRedfishSessionMalformed", Operations.ErrorKind.ProtocolError,
                    connection.Target.DisplayName + ": the BMC accepted the Redfish login but returned no X-Auth-Token.",
                    recommendedAction: "Check that the address points at the BMC's Redfish service.");
            }
            return (token, location == null ? null : Uri.TryCreate(location, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : location);
        }

        private static RestRequest LoginRequest(BmcCredential credential, bool withBasic)
        {
            var request = new RestRequest(SessionsPath, Method.Post);
            // Serialized here: RestSharp's default serializer camel-cases names, and Redfish property names are case-sensitive.
            credential.UsePassword(password => request.AddStringBody(JsonSerializer.Serialize(new { UserName = credential.UserName, Password = password }), ContentType.Json));
            if (withBasic) request.AddHeader("Authorization", BasicAuthChallenge.Header(credential));
            return request;
        }

        /// <summary>
        /// Redfish 503 is also what a BMC latched in HPM update mode answers, for ever (spec b.4): one web login tells. Refused
        /// with 1348 → the lock, reported as such at once instead of after the retries; anything else → keep retrying.
        /// </summary>
        private static async Task<Operations.EscFirmwareException?> UpdateModeSignatureAsync(BmcConnection connection, BmcCredential credential, CancellationToken cancellationToken)
        {
            try
            {
                var web = await AmiWebSession.LoginAsync(connection, credential, cancellationToken, retryUnprocessed: false).ConfigureAwait(false);
                await web.LogoutAsync().ConfigureAwait(false);
                return null;
            }
            catch (AmiWebException refused) when (refused.Code == BmcErrors.AmiUpdateModeLoginBlocked)
            {
                return BmcErrors.UpdateModeLocked(connection.Target.DisplayName);
            }
            catch (Operations.EscFirmwareException)
            {
                return null;
            }
        }

        public async Task<RedfishResource> GetAsync(string path, CancellationToken cancellationToken)
        {
            var what = "GET " + path;
            var response = await Connection.ReadAsync(() => Authorized(new RestRequest(path, Method.Get)), what, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && IsOpen)
            {
                await RenewAsync(what, cancellationToken).ConfigureAwait(false);
                response = await Connection.ReadAsync(() => Authorized(new RestRequest(path, Method.Get)), what, cancellationToken).ConfigureAwait(false);
            }
            return RedfishResource.From(Connection.Target.DisplayName, path, Connection.EnsureSuccess(response, what, ApiKind.Redfish));
        }

        /// <summary>
        /// Logs in again after the BMC ended this session (a 401 where the session had worked). A refusal now is reported
        /// as a lost session, never as wrong credentials: the same credentials worked when the session was opened.
        /// </summary>
        public async Task RenewAsync(string what, CancellationToken cancellationToken)
        {
            if (!IsOpen) return;
            var expired = Interlocked.Exchange(ref _location, null);
            if (expired != null) await DeleteAsync(expired).ConfigureAwait(false);
            try
            {
                var opened = await LoginAsync(Connection, _credential, cancellationToken).ConfigureAwait(false);
                _token = opened.Token;
                _location = opened.Location;
                Renewals++;
            }
            catch (BmcResponseException refused) when (refused.ErrorId == "EscBmcAuthenticationFailed")
            {
                throw BmcErrors.SessionLost(Connection.Target.DisplayName, what, refused.StatusCode);
            }
        }

        /// <summary>
        /// A write, sent once. The caller decides what a failure means; nothing is retried here, except that a 401 (the
        /// BMC refused it before doing anything, having ended the session) is sent once more on a renewed session.
        /// </summary>
        public async Task<RestResponse> SendAsync(RestRequest request, string what, CancellationToken cancellationToken)
        {
            var response = await Connection.SendOnceAsync(Authorized(request), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && IsOpen)
            {
                await RenewAsync(what, cancellationToken).ConfigureAwait(false);
                response = await Connection.SendOnceAsync(Authorized(request), cancellationToken).ConfigureAwait(false);
            }
            return Connection.EnsureSuccess(response, what, ApiKind.Redfish);
        }

        /// <summary>Adds this session's token to a request the caller sends itself (streamed uploads).</summary>
        public void Authorize(System.Net.Http.HttpRequestMessage request) => request.Headers.Add("X-Auth-Token", _token);

        public RestRequest Authorized(RestRequest request) => request.AddOrUpdateHeader("X-Auth-Token", _token);

        /// <summary>Deletes the session on the BMC. Safe to call twice; never throws for a BMC that is gone.</summary>
        public async Task CloseAsync()
        {
            if (Interlocked.Exchange(ref _open, 0) == 0) return;
            var location = Interlocked.Exchange(ref _location, null);
            if (location == null) return;
            await DeleteAsync(location).ConfigureAwait(false);
        }

        private async Task DeleteAsync(string location)
        {
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
