using System;
using System.Globalization;
using EscFirmware.FakeBmc.Redfish;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Hosting;

/// <summary>Right after a flash reboot the BMC is up but still booting: Redfish answers 503 with Retry-After
/// (fault <see cref="FakeBmcFaults.UnavailableAfterReboot"/>; spec hpm-and-safety 6 #2).</summary>
internal static class RedfishUpdateGate
{
    public static IApplicationBuilder UseRedfishUpdateGate(this IApplicationBuilder app, FakeBmcState state) =>
        app.Use(async (context, next) =>
        {
            if (state.RedfishUpdate.IsUnavailable && context.Request.Path.StartsWithSegments("/redfish"))
            {
                var seconds = Math.Max(1, (int)Math.Ceiling((state.RedfishUpdate.UnavailableUntil - DateTimeOffset.UtcNow).TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await RedfishError.Result(StatusCodes.Status503ServiceUnavailable, "Base.1.12.ServiceTemporarilyUnavailable",
                    "The service is starting; retry later.").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
}
