using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using RestSharp;

namespace EscFirmware.Core.Sessions
{
    /// <summary>
    /// An AMI MegaRAC web session: form login on <c>/api/session</c>, the <c>QSESSIONID</c> cookie plus the
    /// <c>CSRFToken</c> sent back as <c>X-CSRFTOKEN</c>, and <c>DELETE /api/session</c> when closed.
    /// A read answered 401 logs in again once and reads again (BMCs end idle sessions on their own, and that is not a
    /// credentials problem), until <see cref="KeepForUpdateMode"/>: from update mode on a new login is refused (1348).
    /// </summary>
    public sealed class AmiWebSession
    {
        private const string SessionPath = "/api/session";
        private const string CookieName = "QSESSIONID";
        private readonly BmcCredential? _credential;
        private AmiSessionHandle? _handle;
        private bool _renews;

        private AmiWebSession(BmcConnection connection, AmiSessionHandle handle, BmcCredential? credential)
        {
            Connection = connection;
            _handle = handle;
            _credential = credential;
            _renews = credential != null;
        }

        public BmcConnection Connection { get; }
        public bool IsOpen => _handle != null;

        /// <summary>How many times this session was opened again after the BMC ended it.</summary>
        public int Renewals { get; private set; }

        /// <param name="retryUnprocessed">False for a probe, which must stay one request: no retry after a 503 or a refused connection.</param>
        public static async Task<AmiWebSession> LoginAsync(BmcConnection connection, BmcCredential credential, CancellationToken cancellationToken, bool retryUnprocessed = true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Sent again only when the BMC did not process it (503, refused, reset); never cancelled mid-flight.
            Func<RestRequest> login = () =>
            {
                var request = new RestRequest(SessionPath, Method.Post);
                request.AddHeader("X-Requested-With", "XMLHttpRequest");
                credential.UsePassword(password =>
                    request.AddParameter("username", credential.UserName, ParameterType.GetOrPost)
                           .AddParameter("password", password, ParameterType.GetOrPost));
                return request;
            };
            var response = retryUnprocessed
                ? await connection.LoginAsync(login, "web login", ApiKind.AmiWeb, cancellationToken).ConfigureAwait(false)
                : connection.EnsureSuccess(await connection.SendOnceAsync(login(), CancellationToken.None).ConfigureAwait(false), "web login", ApiKind.AmiWeb);

            var cookie = SessionCookieOf(response);
            var csrf = CsrfTokenOf(response.Content);
            if (cookie == null || csrf == null)
            {
                throw new EscFirmwareException("EscWebSessionMalformed", ErrorKind.ProtocolError,
                    connection.Target.DisplayName + ": the web login answered without a session cookie or CSRF token.",
                    recommendedAction: "A first login may require a password change in the BMC's web UI; do that once, then retry.");
            }
            var session = new AmiWebSession(connection, new AmiSessionHandle(cookie, csrf), credential);
            if (cancellationToken.IsCancellationRequested)
            {
                await session.LogoutAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            return session;
        }

        /// <summary>Acts as a session another process opened (the rescue handle in an update-mode journal).</summary>
        public static AmiWebSession Attach(BmcConnection connection, AmiSessionHandle handle) => new AmiWebSession(connection, handle, null);

        /// <summary>
        /// From update mode on a 401 is reported, never answered with a new login: the BMC refuses logins then (1348), and
        /// on some builds a second login of the account ends its other session, the rescue session among them.
        /// </summary>
        public void KeepForUpdateMode() => _renews = false;

        /// <summary>The secret handle, for the update-mode journal only.</summary>
        public AmiSessionHandle ExportHandle() => _handle ?? throw Closed();

        public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
        {
            var what = "GET " + path;
            var response = await Connection.ReadAsync(() => Authorized(new RestRequest(path, Method.Get)), what, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && _renews && IsOpen)
            {
                await RenewAsync(what, cancellationToken).ConfigureAwait(false);
                response = await Connection.ReadAsync(() => Authorized(new RestRequest(path, Method.Get)), what, cancellationToken).ConfigureAwait(false);
            }
            return ParseJson(Connection.EnsureSuccess(response, what, ApiKind.AmiWeb));
        }

        /// <summary>
        /// Logs in again after the BMC ended this session (a 401 where the session had worked). A refusal now is reported
        /// as a lost session, never as wrong credentials: the same credentials opened this session earlier.
        /// </summary>
        private async Task RenewAsync(string what, CancellationToken cancellationToken)
        {
            try
            {
                var fresh = await LoginAsync(Connection, _credential!, cancellationToken).ConfigureAwait(false);
                Interlocked.Exchange(ref _handle, fresh._handle);
                Renewals++;
            }
            catch (AmiWebException refused) when (refused.ErrorId == "EscBmcAuthenticationFailed")
            {
                throw BmcErrors.WebSessionLost(Connection.Target.DisplayName, what, refused.StatusCode);
            }
        }

        /// <summary>A JSON PUT, sent once (AMI's state-changing calls are not idempotent).</summary>
        public async Task<JsonElement> PutJsonAsync(string path, object body, CancellationToken cancellationToken)
        {
            var request = Authorized(new RestRequest(path, Method.Put)).AddStringBody(JsonSerializer.Serialize(body), ContentType.Json);
            var response = await Connection.SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            return ParseJson(Connection.EnsureSuccess(response, "PUT " + path, ApiKind.AmiWeb));
        }

        /// <summary>Adds this session's cookie and CSRF header to a request the caller sends itself (streamed uploads).</summary>
        public void Authorize(System.Net.Http.HttpRequestMessage request)
        {
            var handle = _handle ?? throw Closed();
            request.Headers.Add("Cookie", CookieName + "=" + handle.SessionCookie);
            request.Headers.Add("X-CSRFTOKEN", handle.CsrfToken);
            request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        }

        public RestRequest Authorized(RestRequest request)
        {
            var handle = _handle ?? throw Closed();
            return request.AddHeader("Cookie", CookieName + "=" + handle.SessionCookie)
                          .AddHeader("X-CSRFTOKEN", handle.CsrfToken)
                          .AddHeader("X-Requested-With", "XMLHttpRequest");
        }

        /// <summary>Logs out. Safe to call twice; bounded by the logout timeout and independent of any caller's token.</summary>
        public async Task LogoutAsync()
        {
            if (_handle == null) return;
            using (var timeout = new CancellationTokenSource(Connection.Settings.LogoutTimeout))
            {
                try
                {
                    var request = Authorized(new RestRequest(SessionPath, Method.Delete));
                    Interlocked.Exchange(ref _handle, null);
                    await Connection.SendOnceAsync(request, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // No answer within the logout timeout; the BMC's idle timeout (30 minutes) clears the session.
                }
            }
        }

        /// <summary>Forgets the session without logging out: for a handle another process still needs.</summary>
        public void Abandon() => Interlocked.Exchange(ref _handle, null);


        private EscFirmwareException Closed() =>
            new EscFirmwareException("EscWebSessionClosed", ErrorKind.InvalidOperation, Connection.Target.DisplayName + ": the web session is already closed.");

        private static JsonElement ParseJson(RestResponse response)
        {
            if (string.IsNullOrWhiteSpace(response.Content)) return default;
            using (var document = JsonDocument.Parse(response.Content!))
            {
                return document.RootElement.Clone();
            }
        }

        private static string? SessionCookieOf(RestResponse response)
        {
            var fromJar = response.Cookies?.Cast<Cookie>().FirstOrDefault(c => c.Name == CookieName)?.Value;
            if (!string.IsNullOrEmpty(fromJar)) return fromJar;
            foreach (var header in response.Headers ?? Enumerable.Empty<HeaderParameter>())
            {
                if (!string.Equals(header.Name, "Set-Cookie", StringComparison.OrdinalIgnoreCase) || header.Value == null) continue;
                foreach (var part in header.Value.Split(';', ','))
                {
                    var pair = part.Trim();
                    if (pair.StartsWith(CookieName + "=", StringComparison.Ordinal)) return pair.Substring(CookieName.Length + 1);
                }
            }
            return null;
        }

        private static string? CsrfTokenOf(string? content)
        {
            if (string.IsNullOrEmpty(content)) return null;
            try
            {
                using (var document = JsonDocument.Parse(content!))
                {
                    return document.RootElement.ValueKind == JsonValueKind.Object
                        && document.RootElement.TryGetProperty("CSRFToken", out var token) && token.ValueKind == JsonValueKind.String
                        ? token.GetString()
                        : null;
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
