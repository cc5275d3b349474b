using System.Collections.Generic;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Redfish;

/// <summary>The host as <c>System_0</c>; <c>Systems/Self</c> does not exist (spec a.6).</summary>
internal static class SystemEndpoints
{
    public const string SystemPath = "/redfish/v1/Systems/System_0";

    // Allowed on ESC8000-E12P, no GracefulRestart (spec a.6, SM-TUNE).
    private static readonly IReadOnlyList<string> ResetTypes = ["ForceOff", "ForceRestart", "GracefulShutdown", "On", "PowerCycle"];

    public static IEndpointRouteBuilder MapSystems(this IEndpointRouteBuilder routes, FakeBmcOptions options, FakeBmcState state)
    {
        routes.MapGet("/redfish/v1/Systems", (HttpRequest request) => ExpandableCollection.Answer(request, options,
            "/redfish/v1/Systems", "#ComputerSystemCollection.ComputerSystemCollection", "Computer System Collection", [(SystemPath, () => System(options, state))]));

        routes.MapGet(SystemPath, () => Results.Json(System(options, state)));

        routes.MapResetAction(SystemPath, "ComputerSystem.Reset", ResetTypes, (_, resetType) => state.Host.Reset(resetType));
        return routes;
    }

    private static JsonObject System(FakeBmcOptions options, FakeBmcState state) => new()
    {
        ["@odata.id"] = SystemPath,
        ["@odata.type"] = "#ComputerSystem.v1_13_0.ComputerSystem",
        ["Id"] = "System_0",
        ["Name"] = "System_0",
        ["SystemType"] = "Physical",
        ["Manufacturer"] = options.Manufacturer,
        ["Model"] = options.Model,
        ["BiosVersion"] = state.BiosVersion,
        ["PowerState"] = state.PowerState.ToString(),
        ["Actions"] = ResetAction.Actions("ComputerSystem.Reset", SystemPath),
    };
}
