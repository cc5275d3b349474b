using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Web;

internal static class ChassisEndpoints
{
    /// <summary>Cheap keep-alive and the power gate before a BIOS flash (spec a.1).</summary>
    public static IEndpointRouteBuilder MapChassis(this IEndpointRouteBuilder routes, FakeBmcState state)
    {
        routes.MapGet("/api/chassis-status", () => Results.Json(new JsonObject
        {
            ["power_status"] = state.PowerState == PowerState.On ? 1 : 0,
            ["led_status"] = 0,
        }));
        return routes;
    }
}
