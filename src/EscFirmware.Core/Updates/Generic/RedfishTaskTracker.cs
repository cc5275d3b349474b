using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Transport;

namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>
    /// Follows what a push answered until its task ends, in every shape of spec redfish-update 4: a TaskMonitor (202
    /// while running, 204 exactly once, then 404 — the outcome is read from the Task), a Task that always answers 200
    /// (TaskState decides, not the HTTP status), 204 with no Location (no task: the caller confirms through inventory),
    /// a body TaskMonitor that differs from Location (Location first, the body's <c>@odata.id</c> as fallback). It stops at
    /// the first terminal state (Completed, Exception, Killed, Cancelled), keeps polling through unknown states and
    /// connection drops, honours Retry-After within bounds, and gives up with a clear error at the timeout.
    /// </summary>
    public sealed class RedfishTaskTracker
    {
        private static readonly string[] Terminal = { "Completed", "Exception", "Killed", "Cancelled" };

        private readonly Func<string, CancellationToken, Task<TaskPoll>> _get;
        private readonly GenericUpdateSettings _settings;
        private readonly string _host;
        private readonly Action<string> _status;

        /// <param name="get">One GET of a task or monitor URI: its status and body, or null status when the BMC did not answer.</param>
        public RedfishTaskTracker(string host, Func<string, CancellationToken, Task<TaskPoll>> get, GenericUpdateSettings settings, Action<string> status)
        {
            _host = host;
            _get = get;
            _settings = settings;
            _status = status;
        }

        /// <summary>Waits for the task a push answered with; returns at once when the answer carried no task.</summary>
        public async Task<TaskOutcome> TrackAsync(int pushStatus, string? location, string? pushBody, CancellationToken cancellationToken)
        {
            var body = Parse(pushBody);
            var bodyTask = body is JsonElement b ? RedfishResource.GetStringAt(b, "@odata.id") : null;
            if (location == null && bodyTask == null) return new TaskOutcome(null, null, false, new string[0]);
            if (body is JsonElement early && TerminalState(early) is string done) return Outcome(bodyTask ?? location, early, done);

            var deadline = DateTimeOffset.UtcNow + _settings.TaskTimeout;
            var uri = location ?? bodyTask!;
            var monitorEnded = false;
            string? lastState = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (DateTimeOffset.UtcNow > deadline) throw TimedOut(uri, lastState);
                var poll = await _get(uri, cancellationToken).ConfigureAwait(false);
                var wait = _settings.TaskPollInterval;
                switch (poll.Status)
                {
                    case null:
                        _status("the BMC did not answer; still waiting");
                        break;
                    case HttpStatusCode.NoContent:
                        // A monitor's one 204: the task ended. Its Task resource says how.
                        monitorEnded = true;
                        if (bodyTask == null || bodyTask == uri) return new TaskOutcome(uri, null, false, new string[0]);
                        uri = bodyTask;
                        continue;
                    case HttpStatusCode.NotFound:
                        if (bodyTask != null && bodyTask != uri)
                        {
                            uri = bodyTask; // a monitor already gone (its 204 was missed) or a broken Location
                            continue;
                        }
                        if (monitorEnded || lastState != null) return new TaskOutcome(uri, lastState, false, new string[0]);
                        throw GenericUpdateErrors.TaskMissing(_host, uri);
                    default:
                        if (!poll.IsSuccess) throw poll.Failure!;
                        if (Parse(poll.Body) is JsonElement task)
                        {
                            bodyTask = bodyTask ?? RedfishResource.GetStringAt(task, "@odata.id");
                            lastState = RedfishResource.GetStringAt(task, "TaskState") ?? lastState;
                            if (TerminalState(task) is string state) return Outcome(uri, task, state);
                            _status("task " + (lastState ?? "running") + Percent(task));
                        }
                        wait = Bounded(poll.RetryAfter) ?? wait;
                        break;
                }
                var remaining = deadline - DateTimeOffset.UtcNow;
                if (remaining > TimeSpan.Zero) await Task.Delay(wait < remaining ? wait : remaining, cancellationToken).ConfigureAwait(false);
            }
        }

        private TimeSpan? Bounded(TimeSpan? retryAfter) =>
            retryAfter is TimeSpan wait ? (wait > _settings.MaxRetryAfter ? _settings.MaxRetryAfter : wait < TimeSpan.Zero ? TimeSpan.Zero : wait) : (TimeSpan?)null;

        private EscFirmwareException TimedOut(string uri, string? lastState) => GenericUpdateErrors.TaskTimeout(_host, uri, _settings.TaskTimeout, lastState ?? string.Empty);

        private static string? TerminalState(JsonElement task) =>
            RedfishResource.GetStringAt(task, "TaskState") is string state && Terminal.Contains(state, StringComparer.Ordinal) ? state : null;

        private static TaskOutcome Outcome(string? uri, JsonElement task, string state)
        {
            var messages = new List<string>();
            var reset = false;
            if (task.ValueKind == JsonValueKind.Object && task.TryGetProperty("Messages", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var message in list.EnumerateArray())
                {
                    var id = RedfishResource.GetStringAt(message, "MessageId") ?? string.Empty;
                    reset |= id.EndsWith(".ResetRequired", StringComparison.Ordinal) || id.EndsWith(".SystemResetRequired", StringComparison.Ordinal);
                    messages.Add(id + (RedfishResource.GetStringAt(message, "Message") is string text ? ": " + text : string.Empty));
                }
            }
            return new TaskOutcome(uri, state, reset, messages);
        }

        private static string Percent(JsonElement task) =>
            task.TryGetProperty("PercentComplete", out var p) && p.ValueKind == JsonValueKind.Number ? ", " + p.GetInt32().ToString(CultureInfo.InvariantCulture) + "%" : string.Empty;

        private static JsonElement? Parse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using (var document = JsonDocument.Parse(body!))
                {
                    return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : (JsonElement?)null;
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string Seconds(TimeSpan span) => ((int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>One poll's answer: the status (null: no answer at all), the body, Retry-After, and the error for a failure status.</summary>
    public sealed class TaskPoll
    {
        public HttpStatusCode? Status { get; set; }
        public string? Body { get; set; }
        public TimeSpan? RetryAfter { get; set; }
        public EscFirmwareException? Failure { get; set; }
        public bool IsSuccess => Status is HttpStatusCode s && (int)s >= 200 && (int)s < 300;
    }
}
