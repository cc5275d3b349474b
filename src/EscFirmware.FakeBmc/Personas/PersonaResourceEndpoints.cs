using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using EscFirmware.FakeBmc.Redfish;

namespace EscFirmware.FakeBmc.Personas;

/// <summary>The service root, Managers, Systems and the firmware inventory of the non-AMI personas. The inventory
/// lists what exists by <c>Members</c>, with a <c>Members@odata.count</c> that can be wrong and one orphan item nobody
/// lists (spec redfish-update 2).</summary>
internal static class PersonaResourceEndpoints
{
    public const string OrphanInventoryId = "orphan_cpld";

    public static IEndpointRouteBuilder MapPersonaResources(this IEndpointRouteBuilder routes, FakeBmcOptions options, FakeBmcState state, PersonaLayout layout)
    {
        var hpe = options.Persona == FakePersona.HpeIlo;
        routes.MapGet("/redfish", () => Results.Json(new JsonObject { ["v1"] = "/redfish/v1/" }));
        routes.MapGet("/redfish/v1", () =>
        {
            var root = new JsonObject
            {
                ["@odata.id"] = "/redfish/v1/",
                ["@odata.type"] = "#ServiceRoot.v1_15_0.ServiceRoot",
                ["Id"] = "RootService",
                ["Name"] = "Root Service",
                ["RedfishVersion"] = options.RedfishVersion,
                ["Vendor"] = layout.Vendor,
                ["Product"] = options.Model,
                ["Systems"] = RedfishJson.Link("/redfish/v1/Systems"),
                ["Managers"] = RedfishJson.Link("/redfish/v1/Managers"),
                ["UpdateService"] = RedfishJson.Link(PersonaLayout.UpdateServicePath),
                ["Tasks"] = RedfishJson.Link(PersonaLayout.TaskServicePath),
            };
            if (options.Dmtf.SessionLogin != DmtfSessionLogin.Absent)
            {
                root["SessionService"] = RedfishJson.Link("/redfish/v1/SessionService");
                root["Links"] = new JsonObject { ["Sessions"] = RedfishJson.Link(PersonaLayout.SessionsPath) };
            }
            if (hpe) root["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["Manager"] = new JsonArray(new JsonObject { ["ManagerType"] = "iLO 6" }) } };
            return Results.Json(root);
        });

        routes.MapGet("/redfish/v1/Managers", () => Results.Json(RedfishJson.Collection(
            "/redfish/v1/Managers", "#ManagerCollection.ManagerCollection", "Manager Collection", [layout.ManagerPath])));
        routes.MapGet(layout.ManagerPath, () => Results.Json(new JsonObject
        {
            ["@odata.id"] = layout.ManagerPath,
            ["@odata.type"] = "#Manager.v1_19_0.Manager",
            ["Id"] = layout.ManagerId,
            ["Name"] = "Manager",
            ["ManagerType"] = "BMC",
            ["Model"] = options.ManagerModel,
            ["Manufacturer"] = layout.Vendor,
            ["FirmwareVersion"] = hpe ? "iLO 6 v" + state.BmcVersion : state.BmcVersion,
            ["DateTime"] = System.DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" },
            ["Actions"] = ResetAction.Actions("Manager.Reset", layout.ManagerPath),
        }));
        routes.MapResetAction(layout.ManagerPath, "Manager.Reset", ["ForceRestart", "GracefulRestart"],
            (context, _) => context.Response.OnCompleted(() =>
            {
                state.Dmtf.ManagerReset();
                return System.Threading.Tasks.Task.CompletedTask;
            }));

        routes.MapGet("/redfish/v1/Systems", () => Results.Json(RedfishJson.Collection(
            "/redfish/v1/Systems", "#ComputerSystemCollection.ComputerSystemCollection", "Computer System Collection", [layout.SystemPath])));
        routes.MapGet(layout.SystemPath, () => Results.Json(new JsonObject
        {
            ["@odata.id"] = layout.SystemPath,
            ["@odata.type"] = "#ComputerSystem.v1_20_0.ComputerSystem",
            ["Id"] = layout.SystemId,
            ["Name"] = "System",
            ["Manufacturer"] = options.Manufacturer,
            ["Model"] = options.Model,
            ["BiosVersion"] = state.BiosVersion,
            ["PowerState"] = state.PowerState.ToString(),
            ["Actions"] = ResetAction.Actions("ComputerSystem.Reset", layout.SystemPath),
        }));
        routes.MapResetAction(layout.SystemPath, "ComputerSystem.Reset", ["On", "ForceOff", "GracefulShutdown", "ForceRestart", "PowerCycle"],
            (_, resetType) => state.Host.Reset(resetType));

        routes.MapGet(PersonaLayout.InventoryPath, () =>
        {
            var listed = Inventory(options, state, layout).Where(i => i.Id != OrphanInventoryId).Select(i => PersonaLayout.InventoryPath + "/" + i.Id).ToList();
            var collection = RedfishJson.Collection(PersonaLayout.InventoryPath, "#SoftwareInventoryCollection.SoftwareInventoryCollection", "Firmware Inventory Collection", listed);
            collection["Members@odata.count"] = listed.Count + options.Dmtf.InventoryCountSkew;
            return Results.Json(collection);
        });
        routes.MapGet(PersonaLayout.InventoryPath + "/{id}", (string id, HttpContext context) =>
            Inventory(options, state, layout).FirstOrDefault(i => i.Id == id) is { } item ? Results.Json(item.Body) : RedfishError.NotFound(context));
        return routes;
    }

    private sealed record Item(string Id, JsonObject Body);

    private static IEnumerable<Item> Inventory(FakeBmcOptions options, FakeBmcState state, PersonaLayout layout)
    {
        yield return Software(layout.BmcInventoryId, layout.BmcInventoryName, state.BmcVersion, true, "bmc-firmware", options.BmcVersion, layout.ManagerPath);
        yield return Software(layout.BiosInventoryId, layout.BiosInventoryName, state.BiosVersion, true, "bios-firmware", options.BiosVersion, layout.SystemPath);
        yield return Software("psu0", "Power supply 0", "1.2.0", false, null, null, "/redfish/v1/Chassis/1");
        yield return Software(OrphanInventoryId, "CPLD", "0.9", false, null, null, null);
    }

    private static Item Software(string id, string name, string version, bool updateable, string? softwareId, string? lowest, string? related)
    {
        var body = new JsonObject
        {
            ["@odata.id"] = PersonaLayout.InventoryPath + "/" + id,
            ["@odata.type"] = "#SoftwareInventory.v1_10_0.SoftwareInventory",
            ["Id"] = id,
            ["Name"] = name,
            ["Version"] = version,
            ["Updateable"] = updateable,
            ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" },
        };
        if (softwareId is not null) body["SoftwareId"] = softwareId;
        if (lowest is not null) body["LowestSupportedVersion"] = lowest;
        if (related is not null) body["RelatedItem"] = new JsonArray(RedfishJson.Link(related));
        return new Item(id, body);
    }
}
