using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Foundation;

/// <summary>Discovery against DMTF's own Redfish trees, whose members are not named BMC_0/System_0.</summary>
public sealed class MockupDiscoveryTests
{
    [NeedsSharedTheory]
    [InlineData("public-rackmount1", "/redfish/v1/Managers/BMC", "/redfish/v1/Systems/437XR1138R2", "P79 v1.45 (12/06/2017)", 3)]
    [InlineData("public-tower", "/redfish/v1/Managers/BMC", "/redfish/v1/Systems/437XR1238R2", "P79 v1.95 (12/06/2019)", 2)]
    public async Task Discovery_follows_links_on_a_third_party_tree(string mockup, string manager, string system, string biosVersion, int inventoryMembers)
    {
        var folder = SharedFolder.Mockup(mockup) ?? throw new InvalidOperationException("../shared/mockups/" + mockup + " is missing although ../shared exists.");
        await using var server = await MockupRedfishServer.StartAsync(folder);
        using var connection = new BmcConnection(BmcTarget.Parse(server.Address), TlsPolicy.Pin(CertificateSha256(server)), FakeTargets.FastSettings());
        var session = await RedfishSession.OpenAsync(connection, BmcCredential.FromPlainText("root", "calvin"), CancellationToken.None);
        try
        {
            var inventory = await RedfishDiscovery.DiscoverAsync(session, CancellationToken.None);
            var items = await RedfishDiscovery.ReadFirmwareInventoryAsync(session, inventory.UpdateService!.FirmwareInventoryPath!, CancellationToken.None);

            Assert.Equal(manager, inventory.ManagerPath);
            Assert.Equal(system, inventory.SystemPath);
            Assert.Equal(biosVersion, inventory.BiosVersion);
            Assert.Equal("On", inventory.PowerState);
            Assert.Equal("Contoso", inventory.Manufacturer);
            Assert.Null(inventory.UpdateService.ActiveBmcImage);
            // Members, not Members@odata.count (which is wrong in one mockup), decide what exists.
            Assert.Equal(inventoryMembers, items.Count);
            Assert.Contains(items, i => i.Id == "BIOS" && i.Version == "P79 v1.45");
        }
        finally
        {
            await session.CloseAsync();
        }
        Assert.Equal(0, server.OpenSessions);
        Assert.DoesNotContain(server.RequestedPaths, p => p.EndsWith("/Self", StringComparison.Ordinal));
    }

    private static string CertificateSha256(MockupRedfishServer server) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(server.Certificate.RawData));
}
