using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Redfish;

internal static class FirmwareInventoryEndpoints
{
    public const string InventoryPath = UpdateServiceEndpoints.UpdateServicePath + "/FirmwareInventory";

    public static IEndpointRouteBuilder MapFirmwareInventory(this IEndpointRouteBuilder routes, FakeBmcState state)
    {
        routes.MapGet(InventoryPath, () => Results.Json(RedfishJson.Collection(
            InventoryPath, "#SoftwareInventoryCollection.SoftwareInventoryCollection", "Firmware Inventory Collection",
            Items(state).Select(i => $"{InventoryPath}/{i.Id}"))));

        routes.MapGet(InventoryPath + "/{id}", (string id, HttpContext context) =>
            Items(state).FirstOrDefault(i => i.Id == id) is { } item
                ? Results.Json(new JsonObject
                {
                    ["@odata.id"] = $"{InventoryPath}/{item.Id}",
                    ["@odata.type"] = "#SoftwareInventory.v1_4_0.SoftwareInventory",
                    ["Id"] = item.Id,
                    ["Name"] = item.Name,
                    ["Version"] = item.Version,
                    ["Updateable"] = true,
                    ["Status"] = new JsonObject { ["State"] = item.Enabled ? "Enabled" : item.Id == "BIOS_Pending" ? "StandbyOffline" : "StandbySpare", ["Health"] = "OK" },
                })
                : RedfishError.NotFound(context));
        return routes;
    }

    private sealed record Item(string Id, string Name, string Version, bool Enabled);

    private static IEnumerable<Item> Items(FakeBmcState state)
    {
        var active = state.ActiveBmcImage;
        yield return new Item("BMCImage1", "BMC image 1", state.BmcImage1Version, active == 1);
        yield return new Item("BMCImage2", "BMC image 2", state.BmcImage2Version, active == 2);
        yield return new Item("BIOS", "BIOS", state.BiosVersion, true);
        if (state.Options.ExposesPendingBiosVersion && state.Host.PendingBiosVersion is { } pending)
        {
            yield return new Item("BIOS_Pending", "BIOS (pending until the next POST)", pending, false);
        }
    }
}
