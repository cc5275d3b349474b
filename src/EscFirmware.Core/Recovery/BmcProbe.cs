using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Ami;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using RestSharp;

namespace EscFirmware.Core.Recovery
{
    /// <summary>
    /// Looks at one BMC without changing it and without leaving a session: at most five HTTPS requests, one after another
    /// with a pause between them (a probe must never trigger the burst lockout it may be diagnosing), two TCP connects, one
    /// RMCP ping and the local journal. A web login that works is logged out at once; the journal's rescue session is only
    /// read through (<c>GET /api/chassis-status</c>, <c>GET hpm/upgradestatus</c>) and left open, because it may be the only
    /// way out of update mode.
    /// </summary>
    public sealed class BmcProbe
    {
        private readonly BmcConnection _connection;
        private readonly BmcCredential _credential;
        private readonly RecoverySettings _settings;
        private readonly UpdateJournal _journal;
        private bool _httpSent;

        public BmcProbe(BmcConnection connection, BmcCredential credential, RecoverySettings settings, UpdateJournal journal)
        {
            _connection = connection;
            _credential = credential;
            _settings = settings;
            _journal = journal;
        }

        private string Host => _connection.Target.DisplayName;

        public async Task<BmcObservations> RunAsync(CancellationToken cancellationToken)
        {
            var seen = new BmcObservations { ComputerName = Host, CheckedAt = DateTimeOffset.UtcNow };
            ReadJournal(seen);
            var root = await ProbeRedfishRootAsync(seen, cancellationToken).ConfigureAwait(false);
            if (seen.NotRedfish != null)
            {
                seen.Evidence.Add("no login tried: this is not a Redfish service, and a BMC's credentials do not belong there");
            }
            else if (root != null)
            {
                await ProbeRedfishAuthenticatedAsync(seen, root.Value, cancellationToken).ConfigureAwait(false);
                await ProbeRescueSessionAsync(seen, cancellationToken).ConfigureAwait(false);
                await ProbeWebLoginAsync(seen, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                seen.Evidence.Add("web login not tried: HTTPS does not answer");
            }
            await ProbeOtherPortsAsync(seen, cancellationToken).ConfigureAwait(false);
            return seen;
        }

        private void ReadJournal(BmcObservations seen)
        {
            try
            {
                seen.Journal = _journal.Read();
            }
            catch (EscFirmwareException unreadable)
            {
                seen.Evidence.Add("journal unreadable: " + unreadable.Message);
                return;
            }
            seen.Evidence.Add(JournalEvidence.Describe(seen.Journal, seen.CheckedAt));
        }

        private async Task<JsonElement?> ProbeRedfishRootAsync(BmcObservations seen, CancellationToken cancellationToken)
        {
            var response = await SendAsync(new RestRequest(RedfishDiscovery.ServiceRootPath, Method.Get), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == 0)
            {
                seen.HttpsAcceptsThenCloses = NoAnswerKind.Of(response) == Transport.NoAnswer.ClosedWithoutAnswer;
                seen.Evidence.Add("Redfish GET " + RedfishDiscovery.ServiceRootPath + " -> no answer (" + NoAnswer(response) + ")"
                    + (seen.HttpsAcceptsThenCloses ? " (the port took the connection and closed it)" : string.Empty));
                return null;
            }
            seen.RedfishRootStatus = (int)response.StatusCode;
            seen.Evidence.Add("Redfish GET " + RedfishDiscovery.ServiceRootPath + " -> " + Status(response) + UpdateModeHint(response));
            if (!response.IsSuccessStatusCode) return default(JsonElement);
            seen.NotRedfish = NotRedfishService.NotServiceRoot(response.Content);
            if (seen.NotRedfish != null)
            {
                seen.Evidence.Add("Redfish GET " + RedfishDiscovery.ServiceRootPath + " answered " + seen.NotRedfish + ", not a Redfish service root");
                return null;
            }
            return TryParse(response.Content);
        }

        /// <summary>One authenticated read with Basic auth (no session to clean up): the UpdateService, which also says whether a flash runs.</summary>
        private async Task ProbeRedfishAuthenticatedAsync(BmcObservations seen, JsonElement root, CancellationToken cancellationToken)
        {
            // Some services refuse anonymous reads of the root (400, 401): the UpdateService's fixed URI is read then.
            if (seen.RedfishRootStatus != 200 && seen.RedfishRootStatus != 400 && seen.RedfishRootStatus != 401) return;
            var path = RedfishResource.GetStringAt(Link(root, "UpdateService"), "@odata.id")
                       ?? RedfishResource.GetStringAt(Link(root, "Managers"), "@odata.id")
                       ?? RedfishDiscovery.ServiceRootPath + "/UpdateService";
            var request = new RestRequest(path, Method.Get);
            _credential.UsePassword(password => request.AddHeader("Authorization",
                "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(_credential.UserName + ":" + password))));
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == 0)
            {
                seen.HttpsWentSilent = true;
                seen.Evidence.Add("Redfish GET " + path + " (Basic auth) -> no answer (" + NoAnswer(response) + ")");
                return;
            }
            seen.RedfishAuthStatus = (int)response.StatusCode;
            var failure = response.IsSuccessStatusCode ? null : _connection.Failure(response, "GET " + path, ApiKind.Redfish) as RedfishException;
            seen.RedfishAccessDenied = failure != null && failure.MessageIds.Any(id => id.EndsWith(".AccessDenied", StringComparison.Ordinal));
            var specific = failure == null ? new string[0] : failure.MessageIds.Where(id => !id.EndsWith(".GeneralError", StringComparison.Ordinal)).Distinct().ToArray();
            var ids = specific.Length > 0 ? " " + string.Join(", ", specific) : string.Empty;
            seen.Evidence.Add("Redfish GET " + path + " (Basic auth) -> " + Status(response) + ids
                + (seen.RedfishAccessDenied ? " (authentication locked out)" : string.Empty));
            if (response.IsSuccessStatusCode && path.IndexOf("UpdateService", StringComparison.OrdinalIgnoreCase) >= 0 && TryParse(response.Content) is JsonElement body)
            {
                var resource = new RedfishResource(path, body, null);
                seen.Dialect = RedfishDialects.Detect(resource, null);
                if (seen.Dialect != RedfishDialect.AmiAsus)
                {
                    seen.Evidence.Add("Redfish UpdateService: a " + RedfishDialects.DisplayName(seen.Dialect.Value) + " service (no AMI OEM block)"
                        + (resource.At("Oem", "Hpe") is JsonElement hpe && RedfishResource.GetStringAt(hpe, "State") is string iloState ? ", iLO update service state " + iloState : string.Empty));
                }
                var update = UpdateServiceInfo.From(resource);
                if (update.UpdateStatus != null)
                {
                    seen.RedfishUpdateStatus = update.UpdateStatus;
                    seen.RedfishUpdateTarget = update.UpdateTarget;
                    seen.Evidence.Add("Redfish UpdateService: UpdateStatus " + update.UpdateStatus
                        + (update.FlashPercentage != null ? ", " + update.FlashPercentage : string.Empty)
                        + (update.UpdateTarget != null ? ", target " + update.UpdateTarget : string.Empty));
                }
            }
        }

        /// <summary>A read-only call through the session a killed run left in the journal; the session stays open.</summary>
        private async Task ProbeRescueSessionAsync(BmcObservations seen, CancellationToken cancellationToken)
        {
            var handle = seen.Journal == null ? null : UpdateJournal.RescueHandleOf(seen.Journal);
            if (handle == null)
            {
                seen.RescueSession = RescueSessionOutcome.NoneRecorded;
                return;
            }
            var response = await ReadThroughRescueAsync(handle, ChassisStatusPath, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == 0)
            {
                seen.HttpsWentSilent = true;
                seen.RescueSession = RescueSessionOutcome.NoAnswer;
                seen.Evidence.Add("journal rescue session: GET " + ChassisStatusPath + " -> no answer (" + NoAnswer(response) + ")");
                return;
            }
            seen.RescueSession = response.IsSuccessStatusCode ? RescueSessionOutcome.Alive : RescueSessionOutcome.Dead;
            seen.Evidence.Add("journal rescue session: GET " + ChassisStatusPath + " -> " + Status(response)
                + (response.IsSuccessStatusCode ? " (the session is alive; left open)" : " (the session is gone)"));
            if (seen.RescueSession == RescueSessionOutcome.Alive) await ProbeWizardAsync(seen, handle, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Asks the BMC itself whether the journal's component is being written: a read through the rescue session.</summary>
        private async Task ProbeWizardAsync(BmcObservations seen, AmiSessionHandle handle, CancellationToken cancellationToken)
        {
            var journal = seen.Journal!;
            if (!journal.InUpdateMode || !(journal.ComponentId is int component) || !(journal.FwUpdateId is int id)) return;
            var path = HpmWizardRequests.UpgradeStatusPath(id, component);
            var response = await ReadThroughRescueAsync(handle, path, cancellationToken).ConfigureAwait(false);
            var what = "journal rescue session: GET hpm/upgradestatus (component " + component.ToString(CultureInfo.InvariantCulture) + ") -> ";
            if (response.StatusCode == 0)
            {
                seen.Evidence.Add(what + "no answer (the BMC may be busy writing)");
                return;
            }
            if (response.IsSuccessStatusCode && TryParse(response.Content) is JsonElement body && HpmWizardRequests.Progress(body) is int percent)
            {
                seen.WizardFlashProgress = percent;
                seen.Evidence.Add(what + "PROGRESS " + percent.ToString(CultureInfo.InvariantCulture)
                    + (percent < 0 ? " (the flash failed)" : percent >= 100 ? " (written)" : " (being written)"));
                return;
            }
            var failure = _connection.Failure(response, "GET " + path, ApiKind.AmiWeb) as AmiWebException;
            seen.WizardFlashNotStarted = failure?.Code == 1442;
            seen.Evidence.Add(what + Status(response) + (seen.WizardFlashNotStarted ? " code 1442 (no flash started)" : string.Empty));
        }

        /// <summary>One GET as the rescue session, which is then forgotten, never logged out.</summary>
        private async Task<RestResponse> ReadThroughRescueAsync(AmiSessionHandle handle, string path, CancellationToken cancellationToken)
        {
            var rescue = AmiWebSession.Attach(_connection, handle);
            try
            {
                return await SendAsync(rescue.Authorized(new RestRequest(path, Method.Get)), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                rescue.Abandon();
            }
        }

        private async Task ProbeWebLoginAsync(BmcObservations seen, CancellationToken cancellationToken)
        {
            if (seen.RedfishAccessDenied)
            {
                seen.Evidence.Add("web login not tried: Redfish already reports the lockout, and another attempt could extend it");
                return;
            }
            if (seen.Dialect is RedfishDialect dialect && dialect != RedfishDialect.AmiAsus)
            {
                seen.Evidence.Add("web login not tried: a " + RedfishDialects.DisplayName(dialect) + " BMC has no AMI web API (no HPM update mode to look for)");
                return;
            }
            await PauseAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var session = await AmiWebSession.LoginAsync(_connection, _credential, cancellationToken, retryUnprocessed: false).ConfigureAwait(false);
                await session.LogoutAsync().ConfigureAwait(false);
                seen.WebLogin = WebLoginOutcome.Succeeded;
                seen.Evidence.Add("web login works (logged out at once)");
            }
            catch (AmiWebException refused)
            {
                seen.WebLogin = WebLoginOutcome.Refused;
                seen.WebLoginCode = refused.Code;
                seen.Evidence.Add("web login refused with " + (refused.Code.HasValue ? "code " + refused.Code.Value.ToString(CultureInfo.InvariantCulture) : "HTTP " + ((int)refused.StatusCode).ToString(CultureInfo.InvariantCulture))
                    + " (" + WebCodeMeaning(refused.Code) + ")");
            }
            catch (EscFirmwareException failed) when (failed.Kind == ErrorKind.ConnectionError || failed.Kind == ErrorKind.OperationTimeout)
            {
                seen.WebLogin = WebLoginOutcome.NoAnswer;
                seen.HttpsWentSilent = true;
                seen.Evidence.Add("web login -> no answer (" + failed.Message + ")");
            }
            catch (EscFirmwareException odd) when (odd.Kind == ErrorKind.ProtocolError)
            {
                seen.WebLogin = WebLoginOutcome.Refused;
                seen.Evidence.Add("web login answered without a usable session (" + odd.Message + ")");
            }
        }

        private async Task ProbeOtherPortsAsync(BmcObservations seen, CancellationToken cancellationToken)
        {
            var host = _connection.Target.Host;
            var ssh = TcpPortProbe.ProbeAsync(host, _settings.SshPort, _settings.PortTimeout, cancellationToken);
            var kvm = TcpPortProbe.ProbeAsync(host, _settings.KvmPort, _settings.PortTimeout, cancellationToken);
            var ipmi = RmcpPresencePing.PingAsync(host, _settings.IpmiPort, _settings.IpmiTimeout, cancellationToken);
            seen.Ssh = await ssh.ConfigureAwait(false);
            seen.Kvm = await kvm.ConfigureAwait(false);
            seen.IpmiPong = await ipmi.ConfigureAwait(false);
            seen.Evidence.Add("TCP " + Port(_settings.SshPort) + " (SSH) " + Describe(seen.Ssh.Value, _settings.PortTimeout));
            seen.Evidence.Add("TCP " + Port(_settings.KvmPort) + " (KVM) " + Describe(seen.Kvm.Value, _settings.PortTimeout));
            seen.Evidence.Add("IPMI RMCP ping UDP " + Port(_settings.IpmiPort) + (seen.IpmiPong.Value
                ? ": Presence Pong (IPMI is up)"
                : ": no Presence Pong within " + Seconds(_settings.IpmiTimeout)));
        }

        private const string ChassisStatusPath = "/api/chassis-status";

        /// <summary>One attempt, never retried: a probe must not add up to a burst. Requests after the first wait the gap.</summary>
        private async Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken)
        {
            await PauseAsync(cancellationToken).ConfigureAwait(false);
            var response = await _connection.SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == 0)
            {
                var failure = _connection.Failure(response, request.Method.ToString().ToUpperInvariant() + " " + request.Resource, ApiKind.Redfish);
                if (failure.Kind == ErrorKind.SecurityError) throw failure;
            }
            return response;
        }

        private async Task PauseAsync(CancellationToken cancellationToken)
        {
            if (_httpSent && _settings.RequestGap > TimeSpan.Zero) await Task.Delay(_settings.RequestGap, cancellationToken).ConfigureAwait(false);
            _httpSent = true;
        }

        private static JsonElement Link(JsonElement root, string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var link) ? link : default;

        private static JsonElement? TryParse(string? content)
        {
            if (string.IsNullOrWhiteSpace(content)) return default(JsonElement);
            try
            {
                using (var document = JsonDocument.Parse(content!))
                {
                    return document.RootElement.Clone();
                }
            }
            catch (JsonException)
            {
                return default(JsonElement);
            }
        }

        private static string Status(RestResponse response) => ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);

        private static string UpdateModeHint(RestResponse response) =>
            response.StatusCode == HttpStatusCode.ServiceUnavailable ? " (service unavailable: update mode, or still starting)" : string.Empty;

        private static string NoAnswer(RestResponse response)
        {
            if (response.ResponseStatus == ResponseStatus.TimedOut) return "timed out";
            var inner = response.ErrorException;
            while (inner?.InnerException != null) inner = inner.InnerException;
            return inner?.Message ?? response.ResponseStatus.ToString();
        }

        private static string WebCodeMeaning(int? code)
        {
            switch (code)
            {
                case 1348: return "firmware update in progress";
                case 15000: return "session table full";
                case 1012: return "authentication locked out after a burst of requests";
                case null: return "no AMI code";
                default: return "login rejected, most likely wrong credentials";
            }
        }

        private static string Describe(PortAnswer answer, TimeSpan timeout)
        {
            switch (answer)
            {
                case PortAnswer.Open: return "open";
                case PortAnswer.Refused: return "closed (connection refused)";
                default: return "silent (no answer within " + Seconds(timeout) + ")";
            }
        }

        private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
    }
}
