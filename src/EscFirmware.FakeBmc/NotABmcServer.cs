using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
        var app = Hosting.LoopbackWebApp.Create(https ? Hosting.SelfSignedCertificate.Create() : null);
        var server = new NotABmcServer(app);
        app.Run(async context =>
        {
            server.Requests.Enqueue(context.Request.Method + " " + context.Request.Path);
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });
        server.Address = "127.0.0.1:" + await Hosting.LoopbackWebApp.StartAsync(app);
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
