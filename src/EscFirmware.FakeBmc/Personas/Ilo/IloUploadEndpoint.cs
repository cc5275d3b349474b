using System;
using System.IO;
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
using static EscFirmware.FakeBmc.Personas.IloUpdateEndpoints;

namespace EscFirmware.FakeBmc.Personas;

/// <summary>
/// <c>POST /cgi-bin/uploadFile</c> (the iLO <c>HttpPushUri</c>, seed 004): multipart parts <c>sessionKey</c>,
/// <c>parameters</c> (JSON: UpdateRepository, UpdateTarget, UploadCurrentEtag), <c>compsig</c> and <c>file</c>, sent by a
/// session whose token also comes as the <c>sessionKey</c> cookie. The file streams through (never buffered); what
/// follows shows in <c>Oem.Hpe.State</c>. Refused while the service is busy or the file name is locked.
/// </summary>
internal static class IloUploadEndpoint
{
    public const string UploadPath = "/cgi-bin/uploadFile";

    public static void MapIloUpload(this IEndpointRouteBuilder routes, FakeBmcState state) =>
        routes.MapPost(UploadPath, (Func<HttpContext, Task<IResult>>)(context => UploadAsync(context, state)));

    private static async Task<IResult> UploadAsync(HttpContext context, FakeBmcState state)
    {
        var ilo = state.Ilo;
        var request = context.Request;
        var token = request.Headers["X-Auth-Token"].ToString();
        var cookie = request.Cookies["sessionKey"];
        if (state.RedfishSessions.FindByToken(token) is null && (cookie is null || state.RedfishSessions.FindByToken(cookie) is null))
        {
            return RedfishError.NoValidSession();
        }
        ilo.LastUploadHadSessionCookie = cookie is not null && state.RedfishSessions.FindByToken(cookie) is not null;
        ilo.LastUploadHadExpect = request.Headers.ContainsKey(HeaderNames.Expect);
        var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false }) bodySize.MaxRequestBodySize = null;
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary)) return BadRequest("Base.1.18.ActionParameterMissing", "The upload must be multipart/form-data.");

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        bool sessionKeySeen = false, hasCompsig = false, updateRepository = true, updateTarget = false;
        string? etag = null;
        for (var section = await reader.ReadNextSectionAsync(context.RequestAborted); section is not null; section = await reader.ReadNextSectionAsync(context.RequestAborted))
        {
            ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition);
            var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value;
            switch (name)
            {
                case "sessionKey":
                    var key = await new StreamReader(section.Body).ReadToEndAsync(context.RequestAborted);
                    if (state.RedfishSessions.FindByToken(key.Trim()) is null) return RedfishError.NoValidSession();
                    sessionKeySeen = true;
                    break;
                case "parameters":
                    JsonObject? parameters;
                    try { parameters = await JsonNode.ParseAsync(section.Body, cancellationToken: context.RequestAborted) as JsonObject; }
                    catch (JsonException) { parameters = null; }
                    if (parameters is null) return RedfishError.MalformedJson();
                    updateRepository = parameters["UpdateRepository"] is not JsonValue r || !r.TryGetValue(out bool repo) || repo;
                    updateTarget = parameters["UpdateTarget"] is JsonValue t && t.TryGetValue(out bool flash) && flash;
                    etag = StringOf(parameters, "UploadCurrentEtag") ?? StringOf(parameters, "ETag");
                    break;
                case "compsig":
                    await section.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                    hasCompsig = true;
                    break;
                case "file":
                    if (!sessionKeySeen) return BadRequest("Base.1.18.ActionParameterMissing", "The part sessionKey must come before the file.");
                    var filename = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition?.FileName ?? default).Value ?? "");
                    if (filename.Length == 0) return BadRequest("Base.1.18.ActionParameterMissing", "The file part needs a file name.");
                    if (ilo.BeginUpload(filename) is { } refusal) return BadRequest("iLO.2.24.UpdateServiceBusy", refusal);
                    var image = await PersonaImage.ReceiveAsync(section.Body, context.RequestAborted);
                    ilo.Uploaded(filename, image, hasCompsig, updateRepository, updateTarget, etag);
                    return Results.Ok(Success());
                default:
                    return BadRequest("Base.1.18.ActionParameterUnknown", $"The part {name} is not known.");
            }
        }
        return BadRequest("Base.1.18.ActionParameterMissing", "The part file is missing.");
    }
}
