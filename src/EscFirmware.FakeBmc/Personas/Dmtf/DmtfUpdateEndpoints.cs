using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.FakeBmc.Redfish;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EscFirmware.FakeBmc.Personas;

/// <summary>
/// The generic DMTF UpdateService (spec redfish-update 3): <c>MultipartHttpPushUri</c> (exactly the parts
/// <c>UpdateParameters</c> and <c>UpdateFile</c>, at most one target, only the keys Targets and
/// <c>@Redfish.OperationApplyTime</c>), <c>HttpPushUri</c> (octet-stream) and <c>SimpleUpdate</c> (the fake fetches the
/// <c>ImageURI</c>, loopback only). Bodies need a Content-Length (411 otherwise), are bounded by MaxImageSizeBytes (413)
/// and refused while another update runs or the push settings are busy (503 with Retry-After).
/// </summary>
internal static class DmtfUpdateEndpoints
{
    public const string MultipartPath = PersonaLayout.UpdateServicePath + "/update-multipart";
    public const string HttpPushPath = PersonaLayout.UpdateServicePath + "/update";
    // Not the standard Actions/UpdateService.SimpleUpdate: one public mockup uses this, so clients must read the target.
    public const string SimpleUpdatePath = PersonaLayout.UpdateServicePath + "/Actions/SimpleUpdate";
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapDmtfUpdateService(this IEndpointRouteBuilder routes, FakeBmcOptions options, FakeBmcState state, PersonaLayout layout)
    {
        var dmtf = options.Dmtf;
        routes.MapGet(PersonaLayout.UpdateServicePath, () =>
        {
            var body = new JsonObject
            {
                ["@odata.id"] = PersonaLayout.UpdateServicePath,
                ["@odata.type"] = "#UpdateService.v1_11_0.UpdateService",
                ["Id"] = "UpdateService",
                ["Name"] = "Update Service",
                ["ServiceEnabled"] = true,
                ["MaxImageSizeBytes"] = dmtf.MaxImageSizeBytes,
                ["FirmwareInventory"] = RedfishJson.Link(PersonaLayout.InventoryPath),
                ["Actions"] = new JsonObject
                {
                    ["#UpdateService.SimpleUpdate"] = new JsonObject
                    {
                        ["target"] = SimpleUpdatePath,
                        ["TransferProtocol@Redfish.AllowableValues"] = new JsonArray("HTTP", "HTTPS"),
                    },
                },
            };
            if (dmtf.OfferMultipartPush) body["MultipartHttpPushUri"] = MultipartPath;
            if (dmtf.OfferHttpPush)
            {
                body["HttpPushUri"] = HttpPushPath;
                body["HttpPushUriTargets"] = new JsonArray();
                body["HttpPushUriOptionsBusy"] = dmtf.HttpPushBusy;
                body["HttpPushUriOptions"] = new JsonObject
                {
                    ["HttpPushUriApplyTime"] = new JsonObject
                    {
                        ["ApplyTime"] = "Immediate",
                        ["ApplyTime@Redfish.AllowableValues"] = new JsonArray(dmtf.ApplyTimes.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
                    },
                };
            }
            return Results.Json(body);
        });

        if (dmtf.OfferMultipartPush) routes.MapPost(MultipartPath, (Func<HttpContext, Task<IResult>>)(c => MultipartAsync(c, options, state, layout)));
        if (dmtf.OfferHttpPush) routes.MapPost(HttpPushPath, (Func<HttpContext, Task<IResult>>)(c => HttpPushAsync(c, options, state)));
        routes.MapPost(SimpleUpdatePath, (Func<HttpContext, Task<IResult>>)(c => SimpleUpdateAsync(c, options, state, layout)));
        return routes;
    }

    private static IResult? Refusal(HttpContext context, FakeBmcOptions options, FakeBmcState state, bool push)
    {
        var dmtf = options.Dmtf;
        if (state.Dmtf.Busy() || (push && dmtf.HttpPushBusy))
        {
            context.Response.Headers.RetryAfter = "5";
            return RedfishError.Result(StatusCodes.Status503ServiceUnavailable, "Base.1.16.ServiceTemporarilyUnavailable",
                "Another update is in progress; retry later.");
        }
        if (dmtf.UploadRefused) return BadRequest("Update.1.0.UpdateNotAllowed", "Firmware updates are disabled on this service.");
        if (!push) return null;
        if (context.Request.ContentLength is not long length)
        {
            return RedfishError.Result(StatusCodes.Status411LengthRequired, "Base.1.16.GeneralError", "A Content-Length is required.");
        }
        if (length > dmtf.MaxImageSizeBytes + 64 * 1024)
        {
            return RedfishError.Result(StatusCodes.Status413PayloadTooLarge, "Base.1.16.PayloadTooLarge",
                $"The image is larger than MaxImageSizeBytes ({dmtf.MaxImageSizeBytes}).");
        }
        var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false }) bodySize.MaxRequestBodySize = null;
        return null;
    }

    private static async Task<IResult> MultipartAsync(HttpContext context, FakeBmcOptions options, FakeBmcState state, PersonaLayout layout)
    {
        if (Refusal(context, options, state, push: true) is { } refused) return refused;
        var boundary = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary)) return BadRequest("Base.1.16.ActionParameterMissing", "The request must be multipart/form-data with the parts UpdateParameters and UpdateFile.");
        var reader = new MultipartReader(boundary, context.Request.Body) { BodyLengthLimit = null };
        string? target = null;
        var applyTime = "OnReset"; // bmcweb's default when the parameter is left out
        PersonaImage.ReceivedImage? image = null;
        for (var section = await reader.ReadNextSectionAsync(context.RequestAborted); section is not null; section = await reader.ReadNextSectionAsync(context.RequestAborted))
        {
            var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ? HeaderUtilities.RemoveQuotes(disposition.Name).Value : null;
            if (name == "UpdateParameters" && image is null)
            {
                JsonObject? parameters;
                try { parameters = await JsonNode.ParseAsync(section.Body, cancellationToken: context.RequestAborted) as JsonObject; }
                catch (JsonException) { parameters = null; }
                if (parameters is null) return RedfishError.MalformedJson();
                if (parameters.Select(p => p.Key).FirstOrDefault(k => k is not ("Targets" or "@Redfish.OperationApplyTime")) is { } unknown)
                {
                    return BadRequest("Base.1.16.PropertyUnknown", $"The property {unknown} is not in the list of valid properties for the resource.");
                }
                var targets = (parameters["Targets"] as JsonArray)?.Select(t => (t as JsonValue)?.TryGetValue(out string? s) == true ? s : null).ToList() ?? [];
                if (targets.Count > 1) return BadRequest("Base.1.16.ActionParameterValueError", "Only one target is supported.");
                target = targets.FirstOrDefault();
                if (parameters.ContainsKey("@Redfish.OperationApplyTime"))
                {
                    applyTime = (parameters["@Redfish.OperationApplyTime"] as JsonValue)?.TryGetValue(out string? a) == true ? a : "";
                }
                if (!options.Dmtf.ApplyTimes.Contains(applyTime)) return BadRequest("Base.1.16.ActionParameterValueNotInList", $"The value {applyTime} for @Redfish.OperationApplyTime is not allowed.");
            }
            else if (name == "UpdateFile" && image is null)
            {
                image = await PersonaImage.ReceiveAsync(section.Body, context.RequestAborted);
            }
            else
            {
                return BadRequest("Base.1.16.PropertyUnknown", $"The multipart part {name} is not supported; send UpdateParameters, then UpdateFile.");
            }
        }
        if (image is null) return BadRequest("Base.1.16.ActionParameterMissing", "The multipart part UpdateFile is missing.");
        var component = target is null ? image.Target : ComponentOf(target, layout);
        if (component is null) return BadRequest("Base.1.16.ActionParameterValueNotInList", $"The target {target} is not updateable.");
        return Accept(context, options, state, image, component, applyTime);
    }

    private static async Task<IResult> HttpPushAsync(HttpContext context, FakeBmcOptions options, FakeBmcState state)
    {
        if (Refusal(context, options, state, push: true) is { } refused) return refused;
        var image = await PersonaImage.ReceiveAsync(context.Request.Body, context.RequestAborted);
        return Accept(context, options, state, image, image.Target, "Immediate");
    }

    private static async Task<IResult> SimpleUpdateAsync(HttpContext context, FakeBmcOptions options, FakeBmcState state, PersonaLayout layout)
    {
        if (Refusal(context, options, state, push: false) is { } refused) return refused;
        var body = await RequestBody.ReadObjectAsync(context.Request);
        if (body is null) return RedfishError.MalformedJson();
        var uri = (body["ImageURI"] as JsonValue)?.TryGetValue(out string? u) == true ? u : null;
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out var imageUri))
        {
            return BadRequest("Base.1.16.ActionParameterMissing", "The action requires the parameter ImageURI (an absolute URI).");
        }
        if (!imageUri.IsLoopback || (imageUri.Scheme != Uri.UriSchemeHttp && imageUri.Scheme != Uri.UriSchemeHttps))
        {
            return BadRequest("Base.1.16.ActionParameterValueFormatError", $"The simulated BMC fetches images only over HTTP(S) from 127.0.0.1, not from {imageUri.Host}.");
        }
        var target = (body["Targets"] as JsonArray)?.FirstOrDefault() is JsonValue t && t.TryGetValue(out string? s) ? s : null;
        state.Dmtf.RecordFetch(uri);
        PersonaImage.ReceivedImage image;
        try
        {
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
            using var client = new HttpClient(handler) { Timeout = FetchTimeout };
            using var response = await client.GetAsync(imageUri, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            if (!response.IsSuccessStatusCode) return BadRequest("Update.1.0.TransferFailed", $"Fetching {uri} failed with HTTP {(int)response.StatusCode}.");
            await using var stream = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            image = await PersonaImage.ReceiveAsync(stream, context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            return BadRequest("Update.1.0.TransferFailed", $"Fetching {uri} failed: {e.Message}.");
        }
        return Accept(context, options, state, image, target is null ? image.Target : ComponentOf(target, layout), "Immediate");
    }

    private static IResult Accept(HttpContext context, FakeBmcOptions options, FakeBmcState state, PersonaImage.ReceivedImage image, string? component, string applyTime)
    {
        if (image.Problem(component) is { } problem) return BadRequest("Update.1.0.VerificationFailed", $"Verification of the image failed: {problem}.");
        var task = state.Dmtf.Accept(image.Target!, image.Version!, applyTime);
        context.Response.Headers.RetryAfter = "1";
        return options.Dmtf.TaskShape switch
        {
            DmtfTaskShape.NoContentNoLocation => Results.NoContent(),
            DmtfTaskShape.TaskAlways200 => Results.Json(DmtfTaskEndpoints.Body(task, state, options), statusCode: StatusCodes.Status202Accepted).WithLocation(task.TaskPath),
            _ => Results.Json(DmtfTaskEndpoints.Body(task, state, options), statusCode: StatusCodes.Status202Accepted).WithLocation(task.MonitorPath),
        };
    }

    /// <summary>BMC or BIOS for an inventory, manager or system URI; null for anything not updateable.</summary>
    private static string? ComponentOf(string target, PersonaLayout layout)
    {
        var path = target.TrimEnd('/');
        if (path == layout.BmcInventoryPath || path == layout.ManagerPath) return "BMC";
        if (path == layout.BiosInventoryPath || path == layout.SystemPath) return "BIOS";
        return null;
    }

    private static IResult BadRequest(string messageId, string message) => RedfishError.Result(StatusCodes.Status400BadRequest, messageId, message);
}
