using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Foundation;

/// <summary>
/// An older Redfish tree whose Managers collection is not at the URI the specification fixes and which has no
/// UpdateService: discovery reads the service root once, follows its link, and reports no update service.
/// </summary>
public sealed class ServiceRootFallbackTests
{
    [Fact]
    public async Task A_missing_fixed_uri_is_found_through_the_service_root_read_once()
    {
        using var tree = new TempDirectory();
        MockupTree.Write(tree, "", """{"@odata.id":"/redfish/v1","RedfishVersion":"1.0.2","Managers":{"@odata.id":"/redfish/v1/Mgrs"},"Systems":{"@odata.id":"/redfish/v1/Systems"}}""");
        MockupTree.Write(tree, "Mgrs", """{"@odata.id":"/redfish/v1/Mgrs","Members":[{"@odata.id":"/redfish/v1/Mgrs/1"}]}""");
        MockupTree.Write(tree, "Mgrs/1", """{"@odata.id":"/redfish/v1/Mgrs/1","Id":"1","FirmwareVersion":"2.10","Model":"OldBMC"}""");
        MockupTree.Write(tree, "Systems", """{"@odata.id":"/redfish/v1/Systems","Members":[{"@odata.id":"/redfish/v1/Systems/1"}]}""");
        MockupTree.Write(tree, "Systems/1", """{"@odata.id":"/redfish/v1/Systems/1","Id":"1","BiosVersion":"1.2.3","PowerState":"Off"}""");
        await using var server = await MockupRedfishServer.StartAsync(tree.Path);
        using var connection = new BmcConnection(BmcTarget.Parse(server.Address), TlsPolicy.SkipCheck, FakeTargets.FastSettings());
        var access = new RedfishBasicAccess(connection, BmcCredential.FromPlainText("root", "calvin"));

        var inventory = await RedfishDiscovery.DiscoverAsync(access, CancellationToken.None);

        Assert.Equal("/redfish/v1/Mgrs/1", inventory.ManagerPath);
        Assert.Equal("2.10", inventory.BmcVersion);
        Assert.Equal("1.2.3", inventory.BiosVersion);
        Assert.Null(inventory.UpdateService);
        var requests = server.RequestedPaths.ToList();
        Assert.Equal(1, requests.Count(r => r == "GET /redfish/v1"));
        Assert.Equal(new[] { "GET /redfish/v1/Managers", "GET /redfish/v1", "GET /redfish/v1/Mgrs", "GET /redfish/v1/Mgrs/1",
            "GET /redfish/v1/Systems", "GET /redfish/v1/Systems/1", "GET /redfish/v1/UpdateService" }, requests);
        // The root advertised no $expand: learned for the host, so the Systems collection was read plainly.
        Assert.Equal(ExpandSupport.Unsupported, connection.Facts.Expand);
    }
}
