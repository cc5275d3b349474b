using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Foundation;

/// <summary>
/// Redirects (spec redfish-update 1): followed while they stay on the BMC that was named (same scheme, host and port),
/// refused otherwise, so the credentials never travel to another host.
/// </summary>
public sealed class RedirectTests
{
    private static void WriteTree(TempDirectory tree)
    {
        MockupTree.Write(tree, "", """{"@odata.id":"/redfish/v1","Managers":{"@odata.id":"/redfish/v1/Managers"},"Systems":{"@odata.id":"/redfish/v1/Systems"}}""");
        MockupTree.Write(tree, "Managers", """{"@odata.id":"/redfish/v1/Managers","Members":[{"@odata.id":"/redfish/v1/Managers/1"}]}""");
        MockupTree.Write(tree, "Managers/1", """{"@odata.id":"/redfish/v1/Managers/1","Id":"1","FirmwareVersion":"5.0.1"}""");
        MockupTree.Write(tree, "Systems", """{"@odata.id":"/redfish/v1/Systems","Members":[{"@odata.id":"/redfish/v1/Systems/1"}]}""");
        MockupTree.Write(tree, "Systems/1", """{"@odata.id":"/redfish/v1/Systems/1","Id":"1","BiosVersion":"2.2","PowerState":"Off"}""");
    }


    [Fact]
    public async Task A_redirect_on_the_same_host_is_followed()
    {
        using var tree = new TempDirectory();
        WriteTree(tree);
        // As some services send /redfish/v1/Systems to /redfish/v1/Systems/ (and on to a moved resource).
        await using var server = await MockupRedfishServer.StartAsync(tree.Path, path => path == "/redfish/v1/Systems" ? "/redfish/v1/Systems/" : null);
        var request = server.Request();

        var version = await new FirmwareVersionReport(request).ReadAsync(request.Targets[0], new RecordingSink(), CancellationToken.None);

        Assert.Equal(("5.0.1", "2.2"), (version.BmcVersion, version.BiosVersion));
        Assert.Equal(2, server.RequestedPaths.Count(p => p == "GET /redfish/v1/Systems")); // the redirect, then its target
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_refused_and_nothing_reaches_it()
    {
        using var tree = new TempDirectory();
        WriteTree(tree);
        await using var elsewhere = await MockupRedfishServer.StartAsync(tree.Path);
        await using var server = await MockupRedfishServer.StartAsync(tree.Path,
            path => path.StartsWith("/redfish/v1/Systems", StringComparison.Ordinal) ? "https://" + elsewhere.Address + path : null);
        var request = server.Request();

        var refused = await Assert.ThrowsAnyAsync<EscFirmwareException>(() => new FirmwareVersionReport(request).ReadAsync(request.Targets[0], new RecordingSink(), CancellationToken.None));

        Assert.Contains("redirected", refused.Message + " " + refused.RecommendedAction, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(elsewhere.RequestedPaths);
    }
}
