using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using RestSharp;

namespace EscFirmware.Core.Transport
{
    /// <summary>
    /// The Polly pipeline for idempotent reads: retried on connection failures, timeouts and 503 (honouring Retry-After,
    /// capped), with exponential backoff and one overall deadline. Writes never go through it.
    /// </summary>
    internal static class ReadRetryPipeline
    {
        public static ResiliencePipeline<RestResponse> Build(BmcConnectionSettings settings) =>
            new ResiliencePipelineBuilder<RestResponse>()
                .AddTimeout(settings.ReadDeadline)
                .AddRetry(new RetryStrategyOptions<RestResponse>
                {
                    MaxRetryAttempts = Math.Max(1, settings.ReadRetryAttempts),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.RetryBaseDelay,
                    MaxDelay = settings.RetryMaxDelay,
                    ShouldHandle = args => new ValueTask<bool>(args.Outcome.Result is RestResponse response && IsTransient(response)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, settings.RetryMaxDelay)),
                })
                .Build();

        /// <summary>No HTTP answer at all (refused, reset, timed out), or 503. Never 4xx: those would fail again.</summary>
        public static bool IsTransient(RestResponse response) =>
            (response.StatusCode == 0 && response.ResponseStatus != ResponseStatus.Aborted && !IsTlsFailure(response))
            || response.StatusCode == HttpStatusCode.ServiceUnavailable;

        /// <summary>A TLS failure (a plain-HTTP port, an untrusted certificate) fails the same way every time.</summary>
        private static bool IsTlsFailure(RestResponse response)
        {
            var kind = NoAnswerKind.Of(response);
            return kind == NoAnswer.PlainHttp || kind == NoAnswer.Tls;
        }

        /// <summary>The BMC's Retry-After in seconds, capped; null to use the backoff.</summary>
        public static TimeSpan? RetryAfter(RestResponse? response, TimeSpan cap)
        {
            var header = response?.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Retry-After", StringComparison.OrdinalIgnoreCase));
            if (header?.Value is string value
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                var wait = TimeSpan.FromSeconds(seconds);
                return wait > cap ? cap : wait;
            }
            return null;
        }
    }
}
