using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Inventory;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Foundation;

/// <summary>
/// FirmwareVersion (Manager) and BiosVersion (System) are optional in the schema: where a service leaves them out, the
/// versions come from the firmware inventory item related to the Manager or System (or named BMC/BIOS), and only
/// then is the inventory read.
/// </summary>
public sealed class VersionFromInventoryTests
{
    private static void WriteTree(TempDirectory tree, string managerExtra, string systemExtra)
    {
        MockupTree.Write(tree, "Managers", """{"@odata.id":"/redfish/v1/Managers","Members":[{"@odata.id":"/redfish/v1/Managers/mgr"}]}""");
        MockupTree.Write(tree, "Managers/mgr", "{\"@odata.id\":\"/redfish/v1/Managers/mgr\",\"Id\":\"mgr\",\"Model\":\"TinyBMC\"" + managerExtra + "}");
        MockupTree.Write(tree, "Systems", """{"@odata.id":"/redfish/v1/Systems","Members":[{"@odata.id":"/redfish/v1/Systems/host"}]}""");
        MockupTree.Write(tree, "Systems/host", "{\"@odata.id\":\"/redfish/v1/Systems/host\",\"Id\":\"host\",\"Manufacturer\":\"Contoso\",\"PowerState\":\"On\"" + systemExtra + "}");
        MockupTree.Write(tree, "UpdateService", """{"@odata.id":"/redfish/v1/UpdateService","FirmwareInventory":{"@odata.id":"/redfish/v1/UpdateService/FirmwareInventory"}}""");
        // The count is wrong on purpose: Members decide.
        MockupTree.Write(tree, "UpdateService/FirmwareInventory", """{"@odata.id":"/redfish/v1/UpdateService/FirmwareInventory","Members@odata.count":1,"Members":[{"@odata.id":"/redfish/v1/UpdateService/FirmwareInventory/fw-a"},{"@odata.id":"/redfish/v1/UpdateService/FirmwareInventory/fw-b"}]}""");
        // The BMC's item is found by RelatedItem (its Id says nothing), the BIOS's by its name.
        MockupTree.Write(tree, "UpdateService/FirmwareInventory/fw-a", """{"@odata.id":"/redfish/v1/UpdateService/FirmwareInventory/fw-a","Id":"fw-a","Name":"Controller firmware","Version":"3.1.7","RelatedItem":[{"@odata.id":"/redfish/v1/Managers/mgr"}]}""");
        MockupTree.Write(tree, "UpdateService/FirmwareInventory/fw-b", """{"@odata.id":"/redfish/v1/UpdateService/FirmwareInventory/fw-b","Id":"fw-b","Name":"System BIOS","Version":"A12"}""");
    }

    private static async Task<(EscFirmwareVersion Version, MockupRedfishServer Server)> ReadAsync(TempDirectory tree)
    {
        var server = await MockupRedfishServer.StartAsync(tree.Path);
        var request = server.Request();
        var version = await new FirmwareVersionReport(request).ReadAsync(request.Targets[0], new RecordingSink(), CancellationToken.None);
        return (version, server);
    }

    [Fact]
    public async Task Versions_missing_on_the_manager_and_system_come_from_their_inventory_items()
    {
        using var tree = new TempDirectory();
        WriteTree(tree, managerExtra: "", systemExtra: "");

        var (version, server) = await ReadAsync(tree);
        await using var _ = server;

        Assert.Equal(("3.1.7", "A12"), (version.BmcVersion, version.BiosVersion));
        Assert.Equal("DMTF", version.Dialect);
        Assert.Contains("GET /redfish/v1/UpdateService/FirmwareInventory/fw-b", server.RequestedPaths);
    }

    [Fact]
    public async Task Versions_on_the_manager_and_system_win_and_cost_no_inventory_read()
    {
        using var tree = new TempDirectory();
        WriteTree(tree, managerExtra: ",\"FirmwareVersion\":\"3.2.0\"", systemExtra: ",\"BiosVersion\":\"A13\"");

        var (version, server) = await ReadAsync(tree);
        await using var _ = server;

        Assert.Equal(("3.2.0", "A13"), (version.BmcVersion, version.BiosVersion));
        Assert.DoesNotContain(server.RequestedPaths, p => p.Contains("/FirmwareInventory", System.StringComparison.Ordinal));
    }
}
