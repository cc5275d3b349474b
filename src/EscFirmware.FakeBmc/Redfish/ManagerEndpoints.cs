using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Redfish;

/// <summary>ASUS gen13 names its one manager <c>BMC_0</c>; <c>Managers/Self</c> does not exist (spec a.6).</summary>
internal static class ManagerEndpoints
{
    public const string ManagerPath = "/redfish/v1/Managers/BMC_0";

    // GracefulRestart is rejected on ESC8000-E12P (spec a.6).
    private static readonly IReadOnlyList<string> ResetTypes = ["ForceRestart"];

    public static IEndpointRouteBuilder MapManagers(this IEndpointRouteBuilder routes, FakeBmcOptions options, FakeBmcState state)
    {
        routes.MapGet("/redfish/v1/Managers", (HttpRequest request) => ExpandableCollection.Answer(request, options,
            "/redfish/v1/Managers", "#ManagerCollection.ManagerCollection", "Manager Collection", [(ManagerPath, () => Manager(options, state))]));

        routes.MapGet(ManagerPath, () => Results.Json(Manager(options, state)));

        // Reboot once the answer has left: the real BMC acknowledges, then drops off the network.
        routes.MapResetAction(ManagerPath, "Manager.Reset", ResetTypes, (context, _) => context.Response.OnCompleted(() =>
        {
            state.Reboot(options.Timings.BmcRebootDuration);
            return Task.CompletedTask;
        }));
        return routes;
    }

    private static JsonObject Manager(FakeBmcOptions options, FakeBmcState state) => new()
    {
        ["@odata.id"] = ManagerPath,
        ["@odata.type"] = "#Manager.v1_10_0.Manager",
        ["Id"] = "BMC_0",
        ["Name"] = "Manager",
        ["ManagerType"] = "BMC",
        ["Model"] = options.ManagerModel,
        ["Manufacturer"] = "American Megatrends International LLC",
        ["FirmwareVersion"] = state.BmcVersion,
        ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" },
        ["Actions"] = ResetAction.Actions("Manager.Reset", ManagerPath),
    };
}
