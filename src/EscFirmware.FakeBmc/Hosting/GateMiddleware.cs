using System;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.FakeBmc.Redfish;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Hosting;

/// <summary>The outer layers every request passes, in the order a BMC would apply them.</summary>
internal static class GateMiddleware
{
    private static readonly string[] SecretQueryWords = ["pass", "token", "session", "csrf", "cookie"];

    /// <summary>While the BMC is rebooting nothing answers: connections that still reach the listener are dropped. While it
    /// is booting, the web server takes each connection and closes it before any answer.</summary>
    public static IApplicationBuilder UseRebootGate(this IApplicationBuilder app, FakeBmcState state) =>
        app.Use(async (context, next) =>
        {
            if (state.IsDown || state.IsBooting)
            {
                context.Abort();
                return;
            }
            await next(context);
        });

    public static IApplicationBuilder UseResponseLatency(this IApplicationBuilder app, TimeSpan latency) =>
        latency <= TimeSpan.Zero
            ? app
            : app.Use(async (context, next) =>
            {
                await Task.Delay(latency, context.RequestAborted);
                await next(context);
            });

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app, RequestLog log, TimeProvider clock) =>
        app.Use(async (context, next) =>
        {
            var started = clock.GetUtcNow();
            try
            {
                await next(context);
            }
            finally
            {
                log.Add(new RequestLogEntry(
                    started,
                    context.Request.Method,
                    context.Request.Path.Value ?? "",
                    RedactedQuery(context.Request.Query),
                    context.Response.StatusCode,
                    AuthMarker.Get(context),
                    context.Connection.Id));
            }
        });

    /// <summary>HPM update mode latches Redfish: every call answers 503 until update mode ends (spec b.4, c).</summary>
    public static IApplicationBuilder UseUpdateModeGate(this IApplicationBuilder app, FakeBmcState state) =>
        app.Use(async (context, next) =>
        {
            if (state.UpdateModeId is not null && context.Request.Path.StartsWithSegments("/redfish"))
            {
                await RedfishError.Result(StatusCodes.Status503ServiceUnavailable, "Base.1.12.ServiceTemporarilyUnavailable",
                    "The BMC is in firmware update mode.").ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    /// <summary>The first Redfish requests (<see cref="FakeBmcFaults.RedfishUnavailableFirstRequests"/>), or the first
    /// session logins (<see cref="FakeBmcFaults.RedfishUnavailableFirstLogins"/>), answer 503 + Retry-After.</summary>
    public static IApplicationBuilder UseRedfishStartupUnavailability(this IApplicationBuilder app, FakeBmcState state, FakeBmcFaults faults) =>
        faults.RedfishUnavailableFirstRequests <= 0 && faults.RedfishUnavailableFirstLogins <= 0
            ? app
            : app.Use(async (context, next) =>
            {
                var redfish = context.Request.Path.StartsWithSegments("/redfish");
                var login = redfish && HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/redfish/v1/SessionService/Sessions");
                if ((redfish && state.CountRedfishRequest() <= faults.RedfishUnavailableFirstRequests)
                    || (login && state.CountRedfishLogin() <= faults.RedfishUnavailableFirstLogins))
                {
                    context.Response.Headers.RetryAfter = faults.RedfishUnavailableRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await RedfishError.Result(StatusCodes.Status503ServiceUnavailable, "Base.1.12.ServiceTemporarilyUnavailable",
                        "The service is temporarily unavailable; retry later.").ExecuteAsync(context);
                    return;
                }
                await next(context);
            });

    private static string RedactedQuery(IQueryCollection query) =>
        query.Count == 0
            ? ""
            : "?" + string.Join("&", query.Select(p => SecretQueryWords.Any(w => p.Key.Contains(w, StringComparison.OrdinalIgnoreCase))
                ? $"{p.Key}=***"
                : $"{p.Key}={p.Value}"));
}
