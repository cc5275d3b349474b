using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EscFirmware.FakeBmc;

/// <summary>
/// A web server on 127.0.0.1 that is not a BMC: every path answers 200 with the same body (an HTML page, or JSON
/// that is no Redfish resource), over HTTPS, or over plain HTTP (a wrong port). It counts what it was asked.
/// </summary>
public sealed class NotABmcServer : IAsyncDisposable
{
    public const string HtmlPage = "<!DOCTYPE html><html><head><title>Welcome</title></head><body>It works!</body></html>";
    public const string OtherJson = "{\"status\":\"ok\",\"service\":\"inventory\"}";

    private readonly WebApplication _app;

    private NotABmcServer(WebApplication app) => _app = app;

    public string Address { get; private set; } = string.Empty;
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<NotABmcServer> StartAsync(string body, string contentType, bool https = true)
    {
        var builder = WebApplication.CreateSlimBuilder(Hosting.QuietHostOptions.Create());
        builder.Logging.ClearProviders();
        var certificate = https ? Hosting.SelfSignedCertificate.Create() : null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => { if (certificate != null) o.UseHttps(certificate); }));
        var app = builder.Build();
        var server = new NotABmcServer(app);
        app.Run(async context =>
        {
            server.Requests.Enqueue(context.Request.Method + " " + context.Request.Path);
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = "127.0.0.1:" + new Uri(address).Port;
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
