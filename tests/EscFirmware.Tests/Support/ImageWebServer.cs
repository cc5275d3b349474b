using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        var builder = WebApplication.CreateSlimBuilder(EscFirmware.FakeBmc.Hosting.QuietHostOptions.Create());
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
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
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Uri = new Uri("http://127.0.0.1:" + new Uri(address).Port + name);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
