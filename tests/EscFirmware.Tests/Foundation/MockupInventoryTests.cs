using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Inventory;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Foundation;

/// <summary>
/// Get-EscFirmwareInventory and Get-EscFirmwareVersion (their Core reports) against each DMTF mockup in ../shared that
/// has an UpdateService/FirmwareInventory, served from a test host, never copied: every member listed in
/// <c>Members</c> is read (not <c>Members@odata.count</c> of them), with the fields the mockup gives it, and the
/// dialect is generic DMTF. Expected values are read from the mockup files themselves.
/// </summary>
public sealed class MockupInventoryTests
{
    private const string InventoryFolder = "UpdateService/FirmwareInventory";

    [NeedsSharedTheory]
    [InlineData("public-rackmount1")]
    [InlineData("public-tower")]
    public async Task Every_member_of_the_firmware_inventory_is_read_by_its_link_with_the_mockups_fields(string mockup)
    {
        var folder = MockupFolder(mockup);
        var members = MemberLinks(Resource(folder, InventoryFolder));
        await using var server = await MockupRedfishServer.StartAsync(folder);
        var request = server.Request();

        var items = await new FirmwareInventoryReport(request).ReadAsync(request.Targets[0], new RecordingSink(), CancellationToken.None);

        Assert.Equal(members, items.Select(i => i.Uri).ToArray());
        foreach (var item in items)
        {
            var expected = Resource(folder, item.Uri.Substring("/redfish/v1/".Length));
            Assert.Equal(Text(expected, "Id"), item.Id);
            Assert.Equal(Text(expected, "Name"), item.Name);
            Assert.Equal(Text(expected, "Version"), item.Version);
            Assert.Equal(Text(expected, "SoftwareId"), item.SoftwareId);
            Assert.Equal(Text(expected, "LowestSupportedVersion"), item.LowestSupportedVersion);
            Assert.Equal(expected.TryGetProperty("Updateable", out var u) ? u.GetBoolean() : (bool?)null, item.Updateable);
            Assert.Equal(expected.TryGetProperty("RelatedItem", out var r) ? r.EnumerateArray().Select(l => l.GetProperty("@odata.id").GetString()!).ToArray() : [], item.RelatedItem);
            Assert.Equal("DMTF", item.Dialect);
        }
        Assert.Equal(0, server.OpenSessions);
    }

    [NeedsSharedTheory]
    [InlineData("public-rackmount1")]
    [InlineData("public-tower")]
    public async Task The_version_report_names_the_dialect_and_the_mockups_bmc_and_bios_versions(string mockup)
    {
        var folder = MockupFolder(mockup);
        var manager = Resource(folder, MemberLinks(Resource(folder, "Managers"))[0].Substring("/redfish/v1/".Length));
        var system = Resource(folder, MemberLinks(Resource(folder, "Systems"))[0].Substring("/redfish/v1/".Length));
        await using var server = await MockupRedfishServer.StartAsync(folder);
        var request = server.Request();

        var version = await new FirmwareVersionReport(request).ReadAsync(request.Targets[0], new RecordingSink(), CancellationToken.None);

        Assert.Equal("DMTF", version.Dialect);
        Assert.Equal(Text(manager, "FirmwareVersion"), version.BmcVersion);
        Assert.Equal(Text(system, "BiosVersion"), version.BiosVersion);
        Assert.NotNull(version.BmcVersion);
        Assert.NotNull(version.BiosVersion);
        Assert.Equal(Text(system, "Manufacturer"), version.Manufacturer);
    }

    [NeedsSharedTheory]
    [InlineData("public-rackmount1")]
    public void At_least_one_mockup_miscounts_its_members_so_the_tests_above_prove_members_win(string mockup)
    {
        var inventory = Resource(MockupFolder(mockup), InventoryFolder);
        Assert.NotEqual(inventory.GetProperty("Members@odata.count").GetInt32(), MemberLinks(inventory).Length);
    }

    [NeedsSharedTheory]
    [InlineData("public-rackmount1", "public-tower")]
    public void Every_mockup_with_a_firmware_inventory_is_covered(params string[] covered)
    {
        var mockups = Directory.GetDirectories(Path.Combine(SharedFolder.Find()!, "mockups"))
            .Where(m => File.Exists(Path.Combine(m, InventoryFolder, "index.json")))
            .Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(covered.Order().ToArray(), mockups);
    }

    private static string MockupFolder(string mockup) =>
        SharedFolder.Mockup(mockup) ?? throw new InvalidOperationException("../shared/mockups/" + mockup + " is missing although ../shared exists.");


    private static JsonElement Resource(string folder, string relative)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, relative, "index.json")));
        return document.RootElement.Clone();
    }

    private static string[] MemberLinks(JsonElement collection) =>
        collection.GetProperty("Members").EnumerateArray().Select(m => m.GetProperty("@odata.id").GetString()!).ToArray();

    private static string? Text(JsonElement resource, string property) =>
        resource.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
