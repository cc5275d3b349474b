using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EscFirmware.FakeBmc.Redfish;

/// <summary>
/// <c>POST /redfish/v1/UpdateService/upload</c> as ESC8000-E12P BMC 1.29 answers it (spec a.6, b.1, c): exactly the parts
/// UpdateParameters, OemParameters, UpdateFile; ImageType HPM only; BIOS targets refused. The file part is streamed
/// through a hash (never buffered), checked as an HPM.1 image, and an accepted upload answers 202 with a task.
/// </summary>
internal static class UpdateUploadEndpoints
{
    private const int ChunkSize = 64 * 1024;
    private static readonly string[] PartOrder = ["UpdateParameters", "OemParameters", "UpdateFile"];

    public static IEndpointRouteBuilder MapUpdateUpload(this IEndpointRouteBuilder routes, FakeBmcOptions options, FakeBmcState state)
    {
        routes.MapPost(UpdateServiceEndpoints.UploadPath, (Func<HttpContext, Task<IResult>>)(context => UploadAsync(context, options, state)));
        return routes;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, FakeBmcOptions options, FakeBmcState state)
    {
        var update = state.RedfishUpdate;
        await update.WaitIfHeldAsync(context.RequestAborted);
        if (update.IsUpdating)
        {
            return UpdateInProgress();
        }
        if (context.Request.ContentLength is null)
        {
            // redfish-update.md 3: at least one service answers a chunked upload 411.
            return RedfishError.Result(StatusCodes.Status411LengthRequired, "Base.1.12.GeneralError", "The upload must carry a Content-Length.");
        }
        if (context.Request.ContentLength > options.MaxImageSizeBytes + 64 * 1024)
        {
            return RedfishError.Result(StatusCodes.Status413PayloadTooLarge, "Base.1.12.PayloadTooLarge",
                $"The image is larger than MaxImageSizeBytes ({options.MaxImageSizeBytes}).");
        }
        var boundary = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return BadRequest("Base.1.12.ActionParameterMissing", "The request must be multipart/form-data with the parts UpdateParameters, OemParameters and UpdateFile.");
        }
        var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false }) bodySize.MaxRequestBodySize = null;

        var reader = new MultipartReader(boundary, context.Request.Body) { BodyLengthLimit = null };
        JsonObject? parameters = null;
        JsonObject? oem = null;
        using var image = new UploadedImage();
        var index = 0;
        for (var section = await reader.ReadNextSectionAsync(context.RequestAborted); section is not null; section = await reader.ReadNextSectionAsync(context.RequestAborted), index++)
        {
            var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                ? HeaderUtilities.RemoveQuotes(disposition.Name).Value
                : null;
            if (index >= PartOrder.Length || name != PartOrder[index])
            {
                return MissingPart(PartOrder[Math.Min(index, PartOrder.Length - 1)], name);
            }
            switch (name)
            {
                case "UpdateParameters":
                    parameters = await JsonPartAsync(section);
                    if (parameters is null) return RedfishError.MalformedJson();
                    if (CheckTargets(parameters) is { } targetError) return targetError;
                    break;
                case "OemParameters":
                    oem = await JsonPartAsync(section);
                    if (oem is null) return RedfishError.MalformedJson();
                    if ((oem["ImageType"] as JsonValue)?.TryGetValue(out string? imageType) != true || imageType != "HPM")
                    {
                        return BadRequest("Base.1.12.ActionParameterValueNotInList",
                            $"The value {oem["ImageType"]?.ToJsonString() ?? "null"} for the parameter ImageType in OemParameters is not valid.");
                    }
                    break;
                default:
                    if (!await ReceiveFileAsync(context, section.Body, image, options, update)) return Results.Empty;
                    break;
            }
        }
        if (index < PartOrder.Length)
        {
            return MissingPart(PartOrder[index], null);
        }
        update.UploadReceived(image.Length, image.Sha256Hex());
        if (image.Problem() is { } problem)
        {
            return BadRequest("Update.1.0.VerificationFailed", $"Verification of the image failed: {problem}.");
        }
        if (image.IncompatibleWith(state.BmcVersion) is { } incompatible)
        {
            update.RefusedAsIncompatible();
            return BadRequest("Update.1.0.VerificationFailed", $"Verification of the image failed: {incompatible}.");
        }
        var task = update.TryAccept(image.Version());
        if (task is null)
        {
            return UpdateInProgress();
        }
        return Results.Json(TaskEndpoints.Body(task), statusCode: StatusCodes.Status202Accepted).WithLocation(task.Path);
    }

    /// <summary>Streams the file part through the hash; false when the connection was cut on purpose (fault).</summary>
    private static async Task<bool> ReceiveFileAsync(HttpContext context, Stream body, UploadedImage image, FakeBmcOptions options, RedfishUpdateState update)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var cutAfter = long.MaxValue;
            var started = false;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, ChunkSize), context.RequestAborted)) > 0)
            {
                if (!started)
                {
                    started = true;
                    update.UploadStarted();
                    if (options.Faults.ResetUploadAfterBytes is long limit && update.TakeResetFault()) cutAfter = limit;
                }
                image.Append(buffer.AsSpan(0, read));
                if (image.Length >= cutAfter)
                {
                    context.Abort();
                    return false;
                }
                if (options.Timings.UploadChunkDelay > TimeSpan.Zero) await Task.Delay(options.Timings.UploadChunkDelay, context.RequestAborted);
            }
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult? CheckTargets(JsonObject parameters)
    {
        var targets = (parameters["Targets"] as JsonArray)?.Select(t => (t as JsonValue)?.TryGetValue(out string? s) == true ? s : null).ToList();
        if (targets is null || targets.Count == 0 || targets.Any(t => t is null))
        {
            return BadRequest("Base.1.12.ActionParameterMissing", "The parameter Targets in UpdateParameters is missing.");
        }
        if (targets.Any(t => t!.Contains("BIOS", StringComparison.OrdinalIgnoreCase)))
        {
            // What BMC 1.29 answers for any BIOS target (spec a.6, c): BIOS goes through the HPM wizard.
            return BadRequest("Base.1.12.ActionParameterMissing", "The parameter BiosUpdateMethod is missing.");
        }
        if (targets.Any(t => !t!.StartsWith(FirmwareInventoryEndpoints.InventoryPath + "/BMCImage", StringComparison.Ordinal)))
        {
            return BadRequest("Base.1.12.ActionParameterValueNotInList", "The value for the parameter Targets is not in the list of acceptable values.");
        }
        if ((parameters["@Redfish.OperationApplyTime"] as JsonValue)?.TryGetValue(out string? applyTime) == true && applyTime != "Immediate")
        {
            return BadRequest("Base.1.12.ActionParameterNotSupported", $"The OperationApplyTime {applyTime} is not supported.");
        }
        return null;
    }

    private static async Task<JsonObject?> JsonPartAsync(MultipartSection section)
    {
        try
        {
            return await JsonNode.ParseAsync(section.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult MissingPart(string expected, string? found) =>
        BadRequest("Base.1.12.ActionParameterMissing",
            $"The multipart part {expected} is missing" + (found is null ? "." : $" (found {found} in its place)."));

    private static IResult UpdateInProgress() =>
        BadRequest("Update.1.0.UpdateInProgress", "A firmware update is already in progress; wait for it to finish.");

    private static IResult BadRequest(string messageId, string message) =>
        RedfishError.Result(StatusCodes.Status400BadRequest, messageId, message);
}
