using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.Tests.Support;

/// <summary>The admin's own web server a BMC's SimpleUpdate fetches an image from: plain HTTP on 127.0.0.1, one file.</summary>
public sealed class ImageWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _downloads;

    private ImageWebServer(WebApplication app) => _app = app;

    public Uri Uri { get; private set; } = null!;
    public int Downloads => _downloads;

    public static async Task<ImageWebServer> StartAsync(string file)
    {
        var app = EscFirmware.FakeBmc.Hosting.LoopbackWebApp.Create(certificate: null);
        var server = new ImageWebServer(app);
        var name = "/" + Path.GetFileName(file);
        app.Run(async context =>
        {
            if (context.Request.Path != name)
            {
                context.Response.StatusCode = 404;
                return;
            }
            Interlocked.Increment(ref server._downloads);
            context.Response.ContentType = "application/octet-stream";
            await context.Response.SendFileAsync(file);
        });
        server.Uri = new Uri("http://127.0.0.1:" + await EscFirmware.FakeBmc.Hosting.LoopbackWebApp.StartAsync(app) + name);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
