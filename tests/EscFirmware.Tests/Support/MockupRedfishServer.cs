using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.Tests.Support;

/// <summary>
/// Serves a DMTF Redfish mockup (one index.json per resource) over HTTPS on 127.0.0.1, with just enough of
/// SessionService to log in and out: a third-party Redfish tree for discovery tests beyond AMI's naming.
/// </summary>
public sealed class MockupRedfishServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _openSessions;

    private MockupRedfishServer(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }
    public string Address { get; private set; } = string.Empty;
    public int OpenSessions => _openSessions;
    public System.Collections.Concurrent.ConcurrentQueue<string> RequestedPaths { get; } = new();

    /// <summary>A one-BMC request for this server (the mockups take any credentials; the certificate is not checked).</summary>
    public EscFirmware.Core.Operations.BmcFleetRequest Request() =>
        new(new[] { EscFirmware.Core.Targets.BmcTarget.Parse(Address) }, EscFirmware.Core.Targets.BmcCredential.FromPlainText("root", "calvin"),
            EscFirmware.Core.Targets.TlsPolicy.SkipCheck, FakeTargets.FastSettings());

    /// <param name="redirect">For a requested path, where to send the client instead (a 308 with that Location); null to serve it.</param>
    public static async Task<MockupRedfishServer> StartAsync(string mockupFolder, Func<string, string?>? redirect = null)
    {
        var certificate = EscFirmware.FakeBmc.Hosting.SelfSignedCertificate.Create();

        var app = EscFirmware.FakeBmc.Hosting.LoopbackWebApp.Create(certificate);
        var server = new MockupRedfishServer(app, certificate);
        app.Run(context => server.HandleAsync(context, mockupFolder, redirect));
        server.Address = "127.0.0.1:" + await EscFirmware.FakeBmc.Hosting.LoopbackWebApp.StartAsync(app);
        return server;
    }

    private async Task HandleAsync(HttpContext context, string root, Func<string, string?>? redirect)
    {
        RequestedPaths.Enqueue(context.Request.Method + " " + context.Request.Path.Value!.TrimEnd('/'));
        if (redirect?.Invoke(context.Request.Path.Value!) is string location)
        {
            context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
            context.Response.Headers.Location = location;
            return;
        }
        var path = context.Request.Path.Value!.TrimEnd('/');
        if (path == "/redfish/v1/SessionService/Sessions" && HttpMethods.IsPost(context.Request.Method))
        {
            System.Threading.Interlocked.Increment(ref _openSessions);
            context.Response.StatusCode = 201;
            context.Response.Headers["X-Auth-Token"] = Guid.NewGuid().ToString("N");
            context.Response.Headers.Location = "/redfish/v1/SessionService/Sessions/1";
            await context.Response.WriteAsync("{\"@odata.id\":\"/redfish/v1/SessionService/Sessions/1\"}");
            return;
        }
        if (path == "/redfish/v1/SessionService/Sessions/1" && HttpMethods.IsDelete(context.Request.Method))
        {
            System.Threading.Interlocked.Decrement(ref _openSessions);
            context.Response.StatusCode = 204;
            return;
        }
        var relative = path == "/redfish/v1" ? string.Empty : path.Substring("/redfish/v1/".Length);
        var file = Path.Combine(root, relative, "index.json");
        if (!HttpMethods.IsGet(context.Request.Method) || !path.StartsWith("/redfish/v1", StringComparison.Ordinal) || !File.Exists(file))
        {
            context.Response.StatusCode = 404;
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.SendFileAsync(file);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
