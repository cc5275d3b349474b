using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Transport;
using RestSharp;

namespace EscFirmware.Core.Ilo
{
    /// <summary>
    /// The HPE iLO update service (seed 004) through one Redfish session: the repository (streamed upload, list, remove),
    /// the Update Task Queue, maintenance windows and install sets. Paths come from <c>UpdateService.Oem.Hpe</c>, never
    /// guessed. Every wait is bounded by the caller's settings.
    /// </summary>
    public sealed class IloClient
    {
        private static readonly string[] UploadAccepting = { "Idle", "Complete", "Error" };
        private readonly RedfishSession _session;
        private readonly IloSettings _settings;
        private RedfishResource? _service;

        public IloClient(RedfishSession session, IloSettings settings)
        {
            _session = session;
            _settings = settings;
        }

        private string Host => _session.Connection.Target.DisplayName;

        /// <summary>Reads the UpdateService and checks that it is an iLO's.</summary>
        public async Task<RedfishResource> ServiceAsync(CancellationToken cancellationToken)
        {
            var service = await _session.GetAsync(RedfishDiscovery.ServiceRootPath + "/UpdateService", cancellationToken).ConfigureAwait(false);
            if (!(service.At("Oem", "Hpe") is JsonElement hpe) || hpe.ValueKind != JsonValueKind.Object)
            {
                throw IloErrors.NotAnIlo(Host);
            }
            _service = service;
            return service;
        }

        /// <summary><c>Oem.Hpe.State</c> and its Result MessageId.</summary>
        public async Task<(string? State, string? Result)> StateAsync(CancellationToken cancellationToken)
        {
            var service = await ServiceAsync(cancellationToken).ConfigureAwait(false);
            return (RedfishResource.GetStringAt(service.At("Oem", "Hpe")!.Value, "State"),
                    service.At("Oem", "Hpe", "Result") is JsonElement r ? RedfishResource.GetStringAt(r, "MessageId") : null);
        }

        private async Task<string> LinkAsync(string name, CancellationToken cancellationToken)
        {
            var service = _service ?? await ServiceAsync(cancellationToken).ConfigureAwait(false);
            return service.At("Oem", "Hpe", name) is JsonElement link && RedfishResource.GetStringAt(link, "@odata.id") is string path
                ? path
                : throw IloErrors.FeatureMissing(Host, name);
        }

        /// <summary>
        /// Uploads a component (and its <c>.compsig</c>) to the repository, streamed, as the seed's curl does: parts
        /// <c>sessionKey</c>, <c>parameters</c>, <c>compsig</c>, <c>file</c>; the token also as the <c>sessionKey</c> cookie;
        /// no <c>Expect</c> header (the seed's empty <c>Expect:</c> tells curl to send none). Refused unless the service is Idle, Complete or Error. Waits until iLO has verified and
        /// written it (State Complete), or says why not (Error and its Result).
        /// </summary>
        public async Task<string> UploadAsync(string file, string? compsig, bool flash, Action<long, long> onProgress, CancellationToken cancellationToken)
        {
            await SendComponentAsync(file, compsig, flash, onProgress, cancellationToken).ConfigureAwait(false);
            return await WaitForUploadAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The upload alone (refused unless the service is Idle, Complete or Error): returns once iLO has taken the
        /// bytes; verifying and writing them follow on iLO's side, shown in <c>Oem.Hpe.State</c>.</summary>
        public async Task SendComponentAsync(string file, string? compsig, bool flash, Action<long, long> onProgress, CancellationToken cancellationToken)
        {
            var service = await ServiceAsync(cancellationToken).ConfigureAwait(false);
            var state = RedfishResource.GetStringAt(service.At("Oem", "Hpe")!.Value, "State");
            if (state != null && !UploadAccepting.Contains(state, StringComparer.Ordinal))
            {
                throw IloErrors.Busy(Host, state);
            }
            var pushUri = service.GetString("HttpPushUri")
                ?? throw IloErrors.FeatureMissing(Host, "HttpPushUri");
            var etag = "escfw-" + Guid.NewGuid().ToString("N").Substring(0, 12);
            await PostUploadAsync(pushUri, file, compsig, flash, etag, onProgress, cancellationToken).ConfigureAwait(false);
        }

        private Task PostUploadAsync(string pushUri, string file, string? compsig, bool flash, string etag, Action<long, long> onProgress, CancellationToken cancellationToken)
        {
            var token = _session.Token;
            var form = Updates.StreamedUpload.Form();
            form.Add(Updates.StreamedUpload.TextPart("sessionKey", token));
            form.Add(Updates.StreamedUpload.JsonPart("parameters", JsonSerializer.Serialize(new Dictionary<string, object> { ["UpdateRepository"] = true, ["UpdateTarget"] = flash, ["UploadCurrentEtag"] = etag })));
            if (compsig != null) form.Add(Updates.StreamedUpload.FilePart("compsig", compsig, (_, __) => { }));
            form.Add(Updates.StreamedUpload.FilePart("file", file, onProgress));
            // The seed's curl sends "Expect: " (no 100-continue round trip, which iLO does not answer); StreamedUpload never asks for one.
            return Updates.StreamedUpload.PostAsync<object?>(_session.Connection, pushUri, form,
                request =>
                {
                    request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
                    request.Headers.TryAddWithoutValidation("Cookie", "sessionKey=" + token);
                    _session.Authorize(request);
                },
                _settings.UploadTimeout, () => IloErrors.UploadTimeout(Host, _settings.UploadTimeout), "the component upload",
                (response, body) => response.IsSuccessStatusCode ? null : throw Updates.Generic.RedfishImagePush.Refused(Host, response, body),
                cancellationToken);
        }

        /// <summary>Polls <c>Oem.Hpe.State</c> until Complete (returns it) or Error (throws with the Result), bounded.</summary>
        private async Task<string> WaitForUploadAsync(CancellationToken cancellationToken)
        {
            var deadline = DateTimeOffset.UtcNow + _settings.StateTimeout;
            while (true)
            {
                var (state, result) = await StateAsync(cancellationToken).ConfigureAwait(false);
                if (state == "Complete") return state;
                if (state == "Error")
                {
                    throw IloErrors.UploadFailed(Host, result ?? string.Empty);
                }
                if (DateTimeOffset.UtcNow + _settings.PollInterval > deadline)
                {
                    throw IloErrors.StateTimeout(Host, state ?? "unknown", _settings.StateTimeout);
                }
                await Task.Delay(_settings.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task<IReadOnlyList<RedfishResource>> MembersAsync(string link, CancellationToken cancellationToken)
        {
            var collection = await _session.GetAsync(await LinkAsync(link, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            var members = new List<RedfishResource>();
            foreach (var path in collection.Members()) members.Add(await _session.GetAsync(path, cancellationToken).ConfigureAwait(false));
            return members;
        }

        /// <summary>POSTs a new member to one of the Oem.Hpe collections; returns it as the iLO answered.</summary>
        public async Task<RedfishResource> CreateAsync(string link, object body, string what, CancellationToken cancellationToken)
        {
            var path = await LinkAsync(link, cancellationToken).ConfigureAwait(false);
            var response = await _session.SendAsync(new RestRequest(path, Method.Post).AddStringBody(JsonSerializer.Serialize(body), ContentType.Json), what, cancellationToken).ConfigureAwait(false);
            var created = RedfishResource.HeaderValue(response, "Location");
            var member = created != null ? new Uri(created, UriKind.RelativeOrAbsolute) : null;
            var memberPath = member == null ? null : member.IsAbsoluteUri ? member.AbsolutePath : member.OriginalString;
            return memberPath != null
                ? await _session.GetAsync(memberPath, cancellationToken).ConfigureAwait(false)
                : new RedfishResource(path, JsonDocument.Parse(string.IsNullOrEmpty(response.Content) ? "{}" : response.Content!).RootElement.Clone(), null);
        }

        public Task<RestResponse> PostAsync(string path, object body, string what, CancellationToken cancellationToken) =>
            _session.SendAsync(new RestRequest(path, Method.Post).AddStringBody(JsonSerializer.Serialize(body), ContentType.Json), what, cancellationToken);

        public Task<RestResponse> DeleteAsync(string path, string what, CancellationToken cancellationToken) =>
            _session.SendAsync(new RestRequest(path, Method.Delete), what, cancellationToken);
    }
}
