using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Redfish;

internal static class ServiceRootEndpoints
{
    public static IEndpointRouteBuilder MapServiceRoot(this IEndpointRouteBuilder routes, FakeBmcOptions options)
    {
        routes.MapGet("/redfish", () => Results.Json(new JsonObject { ["v1"] = "/redfish/v1/" }));
        routes.MapGet("/redfish/v1", () => Results.Json(ServiceRoot(options)));
        return routes;
    }

    private static JsonObject ServiceRoot(FakeBmcOptions options) => new()
    {
        ["@odata.id"] = "/redfish/v1/",
        ["@odata.type"] = "#ServiceRoot.v1_11_0.ServiceRoot",
        ["Id"] = "RootService",
        ["Name"] = "Root Service",
        ["RedfishVersion"] = options.RedfishVersion,
        ["Vendor"] = "AMI",
        ["Product"] = options.Model,
        ["ProtocolFeaturesSupported"] = ExpandableCollection.ProtocolFeatures(options),
        ["Systems"] = RedfishJson.Link("/redfish/v1/Systems"),
        ["Managers"] = RedfishJson.Link("/redfish/v1/Managers"),
        ["SessionService"] = RedfishJson.Link("/redfish/v1/SessionService"),
        ["UpdateService"] = RedfishJson.Link("/redfish/v1/UpdateService"),
        ["Tasks"] = RedfishJson.Link(TaskEndpoints.TaskServicePath),
        ["Links"] = new JsonObject { ["Sessions"] = RedfishJson.Link(SessionServiceEndpoints.SessionsPath) },
    };
}
