using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Redfish;

/// <summary><c>GET</c>/<c>PATCH /redfish/v1/UpdateService</c> with the AMI OEM block (spec a.6). The multipart upload
/// (<c>MultipartHttpPushUri</c>) and its tasks belong in their own endpoint file.</summary>
internal static class UpdateServiceEndpoints
{
    public const string UpdateServicePath = "/redfish/v1/UpdateService";
    public const string UploadPath = UpdateServicePath + "/upload";

    public static IEndpointRouteBuilder MapUpdateService(this IEndpointRouteBuilder routes, FakeBmcOptions options, FakeBmcState state)
    {
        routes.MapGet(UpdateServicePath, (HttpContext context) =>
        {
            var (body, etag) = UpdateService(options, state);
            context.Response.Headers.ETag = etag;
            return Results.Json(body);
        });

        routes.MapPatch(UpdateServicePath, async (HttpContext context) =>
        {
            var ifMatch = context.Request.Headers.IfMatch.ToString();
            if (ifMatch.Length == 0)
            {
                return RedfishError.Result(StatusCodes.Status428PreconditionRequired, "Base.1.12.PreconditionRequired",
                    "A precondition header or annotation is required to change this resource.");
            }
            var body = await RequestBody.ReadObjectAsync(context.Request);
            if (body is null)
            {
                return RedfishError.MalformedJson();
            }
            var (changes, error) = PreserveChanges(body);
            if (error is not null)
            {
                return error;
            }
            if (state.TryPatchPreserveConfiguration(ifMatch, changes) == PreservePatchResult.StaleETag)
            {
                return RedfishError.Result(StatusCodes.Status412PreconditionFailed, "Base.1.12.PreconditionFailed",
                    "The ETag supplied did not match the ETag required to change this resource.");
            }
            context.Response.Headers.ETag = state.UpdateServiceETag;
            return Results.NoContent();
        });
        return routes;
    }

    /// <summary>The flags a PATCH body sets; only <c>Oem.AMIUpdateService.PreserveConfiguration</c> (and an
    /// <c>@odata.type</c> beside it) is writable, and only with the 14 known keys (builds reject others, spec a.6).</summary>
    private static (IReadOnlyDictionary<string, bool> Changes, IResult? Error) PreserveChanges(JsonObject body)
    {
        var changes = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (name, value) in body)
        {
            if (name != "Oem" || value is not JsonObject oem)
            {
                return (changes, PropertyUnknown(name));
            }
            foreach (var (oemName, oemValue) in oem)
            {
                if (oemName != "AMIUpdateService" || oemValue is not JsonObject ami)
                {
                    return (changes, PropertyUnknown($"Oem/{oemName}"));
                }
                foreach (var (amiName, amiValue) in ami)
                {
                    if (amiName == "@odata.type")
                    {
                        continue;
                    }
                    if (amiName != "PreserveConfiguration" || amiValue is not JsonObject preserve)
                    {
                        return (changes, PropertyUnknown($"Oem/AMIUpdateService/{amiName}"));
                    }
                    foreach (var (key, flag) in preserve)
                    {
                        if (!PreserveConfiguration.IsKnown(key))
                        {
                            return (changes, PropertyUnknown($"PreserveConfiguration/{key}"));
                        }
                        if (flag?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                        {
                            return (changes, RedfishError.Result(StatusCodes.Status400BadRequest, "Base.1.12.PropertyValueTypeError",
                                $"The value '{flag?.ToJsonString() ?? "null"}' for the property {key} is not a type that the property can accept."));
                        }
                        changes[key] = flag.GetValue<bool>();
                    }
                }
            }
        }
        return (changes, null);
    }

    private static IResult PropertyUnknown(string property) =>
        RedfishError.Result(StatusCodes.Status400BadRequest, "Base.1.12.PropertyUnknown",
            $"The property {property} is not in the list of valid properties for the resource.");

    private static (JsonObject Body, string ETag) UpdateService(FakeBmcOptions options, FakeBmcState state)
    {
        var etag = state.UpdateServiceETag;
        var progress = state.UpdateProgress;
        var preserve = new JsonObject(state.PreserveConfiguration
            .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
        var ami = new JsonObject
        {
            ["@odata.type"] = "#AMIUpdateService.v1_0_0.AMIUpdateService",
            ["PreserveConfiguration"] = preserve,
        };
        var progressTarget = options.UpdateServiceShape == UpdateServiceShape.Flat ? ami : new JsonObject();
        progressTarget["FlashPercentage"] = progress.FlashPercentage;
        progressTarget["UpdateStatus"] = progress.UpdateStatus;
        progressTarget["UpdateTarget"] = progress.UpdateTarget;
        if (options.UpdateServiceShape == UpdateServiceShape.Nested)
        {
            ami["UpdateInformation"] = progressTarget;
        }
        var body = new JsonObject
        {
            ["@odata.id"] = UpdateServicePath,
            ["@odata.type"] = "#UpdateService.v1_8_0.UpdateService",
            ["@odata.etag"] = etag,
            ["Id"] = "UpdateService",
            ["Name"] = "Update Service",
            ["ServiceEnabled"] = true,
            ["MultipartHttpPushUri"] = UploadPath,
            ["MaxImageSizeBytes"] = options.MaxImageSizeBytes,
            ["FirmwareInventory"] = RedfishJson.Link(FirmwareInventoryEndpoints.InventoryPath),
            ["Oem"] = new JsonObject
            {
                ["AMIUpdateService"] = ami,
                ["BMC"] = new JsonObject { ["DualImageConfigurations"] = DualImage(state) },
            },
        };
        return (body, etag);
    }

    private static JsonObject DualImage(FakeBmcState state)
    {
        var active = $"Image{state.ActiveBmcImage}";
        return new JsonObject
        {
            ["ActiveImage"] = active,
            ["BootImage"] = active,
            ["FirmwareImage1Name"] = "Image1",
            ["FirmwareImage1Version"] = state.BmcImage1Version,
            ["FirmwareImage2Name"] = "Image2",
            ["FirmwareImage2Version"] = state.BmcImage2Version,
        };
    }
}
