using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EscFirmware.FakeBmc.Hosting;

/// <summary>
/// The small web servers beside the fake BMC (support site, not-a-BMC server, test hosts): a quiet slim host on
/// 127.0.0.1 at a free port, HTTPS when given a certificate, plain HTTP otherwise.
/// </summary>
public static class LoopbackWebApp
{
    public static WebApplication Create(X509Certificate2? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder(QuietHostOptions.Create());
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate != null) listen.UseHttps(certificate);
        }));
        return builder.Build();
    }

    /// <summary>Starts the app and returns the port it bound.</summary>
    public static async Task<int> StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address).Port;
    }
}
