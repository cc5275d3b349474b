using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using EscFirmware.FakeBmc.Redfish;
using EscFirmware.FakeBmc.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EscFirmware.FakeBmc.Hosting;

/// <summary>One boot of the fake BMC's web server. A reboot builds a new one over the same state.</summary>
internal static class FakeBmcApp
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    public static WebApplication Build(
        FakeBmcOptions options, FakeBmcState state, RequestLog log, X509Certificate2 certificate, IReadOnlyList<int> ports, TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder(QuietHostOptions.Create());
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(h => h.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var port in ports)
            {
                kestrel.Listen(IPAddress.Loopback, port, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    listen.UseHttps(certificate);
                });
            }
        });
        var app = builder.Build();

        // Order matters: a rebooting BMC answers nothing; update mode shuts Redfish before it authenticates.
        app.UseRebootGate(state);
        app.UseResponseLatency(options.ResponseLatency);
        app.UseRequestLog(log, clock);
        if (options.Persona != FakePersona.AmiEsc8000)
        {
            PersonaApp.Map(app, options, state, clock);
            return app;
        }
        app.UseRedfishStartupUnavailability(state, options.Faults);
        app.UseUpdateModeGate(state);
        app.UseRedfishUpdateGate(state);
        app.UseAuthLockout(state);
        app.UseRedfishAuth(options, state);
        app.UseWebAuth(options, state);
        app.UseRouting();

        app.MapServiceRoot(options);
        app.MapSessionService(options, state);
        app.MapManagers(options, state);
        app.MapSystems(options, state);
        app.MapUpdateService(options, state);
        app.MapFirmwareInventory(state);
        app.MapUpdateUpload(options, state);
        app.MapTasks(state);
        app.MapWebSession(options, state);
        app.MapChassis(state);
        app.MapHpmWizard(options, state);
        MapNotFound(app);
        return app;
    }

    /// <summary>Anything not mapped: a Redfish 404 under /redfish, a plain one elsewhere.</summary>
    public static void MapNotFound(WebApplication app) =>
        app.MapFallback("{**path}", (HttpContext context) => context.Request.Path.StartsWithSegments("/redfish")
            ? RedfishError.NotFound(context)
            : WebError.Result(StatusCodes.Status404NotFound, "Not Found", StatusCodes.Status404NotFound));

    /// <summary>The ports listened on, in the order they were asked for.</summary>
    public static IReadOnlyList<int> BoundPorts(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return addresses.Addresses.Select(a => new Uri(a).Port).ToList();
    }
}
