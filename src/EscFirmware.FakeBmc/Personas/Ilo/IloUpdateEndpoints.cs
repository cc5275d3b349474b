using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using EscFirmware.FakeBmc.Redfish;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Personas;

/// <summary>The iLO UpdateService resource and its OEM collections: ComponentRepository, UpdateTaskQueue,
/// MaintenanceWindows, InstallSets (seed 004). The upload itself is <see cref="IloUploadEndpoint"/>.</summary>
internal static class IloUpdateEndpoints
{
    public const string RepositoryPath = PersonaLayout.UpdateServicePath + "/ComponentRepository";
    public const string QueuePath = PersonaLayout.UpdateServicePath + "/UpdateTaskQueue";
    public const string WindowsPath = PersonaLayout.UpdateServicePath + "/MaintenanceWindows";
    public const string InstallSetsPath = PersonaLayout.UpdateServicePath + "/InstallSets";
    public const string InvokeAction = "HpeComponentInstallSet.Invoke";

    public static IEndpointRouteBuilder MapIloUpdateService(this IEndpointRouteBuilder routes, FakeBmcOptions options, FakeBmcState state, PersonaLayout layout)
    {
        var ilo = state.Ilo;
        var accept3rdParty = false;
        routes.MapGet(PersonaLayout.UpdateServicePath, () =>
        {
            var (serviceState, result) = ilo.ServiceState();
            var hpe = new JsonObject
            {
                ["@odata.type"] = "#HpeiLOUpdateServiceExt.v2_4_0.HpeiLOUpdateServiceExt",
                ["Accept3rdPartyFirmware"] = accept3rdParty,
                ["ComponentRepository"] = RedfishJson.Link(RepositoryPath),
                ["UpdateTaskQueue"] = RedfishJson.Link(QueuePath),
                ["MaintenanceWindows"] = RedfishJson.Link(WindowsPath),
                ["InstallSets"] = RedfishJson.Link(InstallSetsPath),
                ["State"] = serviceState,
                ["CurrentTime"] = Time(ilo.Now),
            };
            if (result is not null) hpe["Result"] = new JsonObject { ["MessageId"] = result };
            if (ilo.UploadEtag is { } etag) hpe["UploadCurrentEtag"] = etag;
            return Results.Json(new JsonObject
            {
                ["@odata.id"] = PersonaLayout.UpdateServicePath + "/",
                ["@odata.type"] = "#UpdateService.v1_2_1.UpdateService",
                ["Id"] = "UpdateService",
                ["Name"] = "Update Service",
                ["ServiceEnabled"] = true,
                ["HttpPushUri"] = IloUploadEndpoint.UploadPath,
                ["FirmwareInventory"] = RedfishJson.Link(PersonaLayout.InventoryPath + "/"),
                ["Actions"] = new JsonObject { ["#UpdateService.SimpleUpdate"] = new JsonObject { ["target"] = PersonaLayout.UpdateServicePath + "/Actions/UpdateService.SimpleUpdate/" } },
                ["Oem"] = new JsonObject { ["Hpe"] = hpe },
            });
        });
        routes.MapPatch(PersonaLayout.UpdateServicePath, async (HttpContext context) =>
        {
            var body = await RequestBody.ReadObjectAsync(context.Request);
            if (body?["Oem"]?["Hpe"]?["Accept3rdPartyFirmware"] is JsonValue v && v.TryGetValue(out bool accept))
            {
                accept3rdParty = accept;
                return Results.NoContent();
            }
            return BadRequest("Base.1.18.PropertyUnknown", "Only Oem/Hpe/Accept3rdPartyFirmware can be changed here.");
        });
        routes.MapIloUpload(state);

        routes.MapGet(RepositoryPath, () =>
        {
            var components = ilo.Components();
            var collection = RedfishJson.Collection(RepositoryPath + "/", "#HpeComponentCollection.HpeComponentCollection", "Component Repository", components.Select(c => $"{RepositoryPath}/{c.Id}/"));
            var used = components.Sum(c => c.SizeBytes);
            collection["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["FreeSizeBytes"] = options.Ilo.RepositoryBytes - used, ["TotalSizeBytes"] = options.Ilo.RepositoryBytes } };
            return Results.Json(collection);
        });
        routes.MapGet(RepositoryPath + "/{id}", (string id, HttpContext context) =>
            ilo.Components().FirstOrDefault(c => c.Id == id) is { } c
                ? Results.Json(new JsonObject
                {
                    ["@odata.id"] = $"{RepositoryPath}/{c.Id}/",
                    ["@odata.type"] = "#HpeComponent.v1_1_0.HpeComponent",
                    ["Id"] = c.Id,
                    ["Name"] = (c.Target == "BIOS" ? "System ROM " : "iLO 6 firmware ") + c.Version,
                    ["Filename"] = c.Filename,
                    ["Version"] = c.Version,
                    ["SizeBytes"] = c.SizeBytes,
                    ["Criticality"] = "Recommended",
                    ["Created"] = Time(c.Created),
                    ["Locked"] = ilo.IsLocked(c.Filename),
                    ["ComponentUri"] = "/fwrepo/" + c.Filename,
                    ["Activates"] = c.Target == "BIOS" ? "AfterReboot" : "Immediately",
                })
                : RedfishError.NotFound(context));
        routes.MapDelete(RepositoryPath + "/{id}", (string id, HttpContext context) =>
            !ilo.RemoveComponent(id, out var refusal) ? RedfishError.NotFound(context)
            : refusal is null ? Results.Ok(Success()) : BadRequest("iLO.2.24.ComponentLocked", refusal));

        routes.MapIloQueue(ilo);
        routes.MapIloWindows(ilo);
        routes.MapIloInstallSets(ilo);
        return routes;
    }

    internal static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 time of a body property: (value, ok); a missing or null property is (null, true).</summary>
    internal static (DateTimeOffset? Value, bool Ok) TimeOf(JsonObject body, string name)
    {
        if (body[name] is null) return (null, true);
        return (body[name] as JsonValue)?.TryGetValue(out string? text) == true
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? (time, true)
            : (null, false);
    }

    internal static string? StringOf(JsonObject body, string name) => (body[name] as JsonValue)?.TryGetValue(out string? s) == true ? s : null;

    internal static string[] StringsOf(JsonObject body, params string[] names) =>
        names.Select(n => body[n] as JsonArray).FirstOrDefault(a => a is not null)?
            .Select(v => (v as JsonValue)?.TryGetValue(out string? s) == true ? s : null).OfType<string>().ToArray() ?? [];

    internal static JsonObject Success() => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = "iLO.0.10.ExtendedInfo",
            ["message"] = "See @Message.ExtendedInfo for more information.",
            ["@Message.ExtendedInfo"] = new JsonArray(new JsonObject { ["MessageId"] = "Base.1.18.Success" }),
        },
    };

    internal static IResult BadRequest(string messageId, string message) => RedfishError.Result(StatusCodes.Status400BadRequest, messageId, message);
}
