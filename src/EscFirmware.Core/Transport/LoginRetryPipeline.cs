using System;
using System.Diagnostics;
using System.Net;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using RestSharp;

namespace EscFirmware.Core.Transport
{
    /// <summary>
    /// The Polly pipeline for logins (Redfish session creation, the AMI web login). A BMC that is booting or busy
    /// answers 503 (often with Retry-After), or refuses or resets the connection before sending any byte of an answer:
    /// the login was not processed, so it is sent again, honouring Retry-After, until the login deadline. A timeout is
    /// not retried (the BMC may have created the session), nor is any answer but 503 (401 means the credentials).
    /// </summary>
    internal static class LoginRetryPipeline
    {
        public static ResiliencePipeline<RestResponse> Build(BmcConnectionSettings settings, Func<bool> certificateRefused)
        {
            var clock = Stopwatch.StartNew();
            return new ResiliencePipelineBuilder<RestResponse>()
                .AddRetry(new RetryStrategyOptions<RestResponse>
                {
                    MaxRetryAttempts = Math.Max(1, settings.LoginRetryAttempts),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.RetryBaseDelay,
                    MaxDelay = settings.RetryMaxDelay,
                    ShouldHandle = args => new ValueTask<bool>(
                        settings.LoginRetryAttempts > 0
                        && clock.Elapsed < settings.LoginDeadline
                        && args.Outcome.Result is RestResponse response
                        && !certificateRefused()
                        && WasNotProcessed(response)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(ReadRetryPipeline.RetryAfter(args.Outcome.Result, settings.RetryMaxDelay)),
                })
                .Build();
        }

        /// <summary>503, or no answer at all because the connection was refused or reset (not a timeout, not TLS).</summary>
        public static bool WasNotProcessed(RestResponse response)
        {
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable) return true;
            if (response.StatusCode != 0 || response.ResponseStatus != ResponseStatus.Error) return false;
            var kind = NoAnswerKind.Of(response);
            return kind == NoAnswer.Refused || kind == NoAnswer.ClosedWithoutAnswer;
        }
    }
}
