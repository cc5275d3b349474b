using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.FakeBmc.Hosting;
using EscFirmware.FakeBmc.SupportSite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EscFirmware.FakeBmc.Web;

/// <summary>The ASUS gen13 dialect of the AMI HPM wizard (spec a.3, b.3, b.5) and <c>biosSaveSetting</c> (a.5).
/// PUTs echo their JSON body; uploads answer <c>{"cc":0}</c>; every body is checked like AMI-REST checks it.</summary>
internal static class HpmWizardEndpoints
{
    public const string HpmPath = "/api/maintenance/hpm";
    public const string BiosSaveSettingPath = "/api/maintenance/firmware/biosSaveSetting";

    // ASUS-CONFIRMED: spec a.3 / c. The other codes below are this fake's own (build-specific on real BMCs, spec g.11).
    private const int FlashNotSent = 1442;
    private const int WrongUpdateId = 1443;
    private const int WrongWizardStep = 1444;
    private const int UploadRejected = 1445;
    private const int AlreadyInUpdateMode = 1348;

    private static readonly string[] PrepareKeys =
        ["FWUPDATEID", "COMPONENT_ID", "PRODUCT_ID", "MANAFACTURE_ID", "HPM_FLAG", "COMPONENT_DATA_LEN", "IS_MMC"];
    private static readonly string[] FlashKeys = ["COMPONENT_ID", "COMPONENT_DATA_LEN", "FWUPDATEID", "SECTION_FLASH"];
    private static readonly string[] VerifyKeys = ["COMPONENT_ID", "COMPONENT_DATA_LEN", "FWUPDATEID"];
    private static readonly string[] ActivateKeys = ["FWUPDATEID", "COMPONENT_ID"];

    /// <summary>Upload endpoint → (multipart field, COMPONENT_ID) per the wizard's component table (spec a.3).</summary>
    private static readonly IReadOnlyDictionary<string, (string Field, int ComponentId)> Uploads =
        new Dictionary<string, (string, int)>
        {
            ["oemfw"] = ("oemimage", 4),
            ["biosfw"] = ("hpmbios", 2),
            ["mmcfw"] = ("mmc", 1),
            ["cpldfw"] = ("hpmcpld", 11),
        };

    public static IEndpointRouteBuilder MapHpmWizard(this IEndpointRouteBuilder routes, FakeBmcOptions options, FakeBmcState state)
    {
        var wizard = state.HpmWizard;
        var faults = options.Faults;

        routes.MapPut(BiosSaveSettingPath, async (HttpContext context) =>
        {
            var (body, error) = await ReadAsync(context, ["EnableSaveBIOS", "Ctrl"]);
            if (error is not null)
            {
                return error;
            }
            wizard.SaveBiosSettings();
            return Results.Json(body);
        });

        routes.MapPut(HpmPath + "/updatemode", async (HttpContext context) =>
        {
            var (_, error) = await ReadAsync(context, []);
            if (error is not null)
            {
                return error;
            }
            return wizard.EnterUpdateMode() is int id
                ? Results.Json(new JsonObject { ["unique_id"] = id })
                : WebError.Result(StatusCodes.Status500InternalServerError, "Firmware update is already in progress", AlreadyInUpdateMode);
        });

        routes.MapPut(HpmPath + "/preparecomponents", async (HttpContext context) =>
        {
            var (body, error) = await ReadAsync(context, PrepareKeys);
            if (error is not null)
            {
                return error;
            }
            if (!wizard.IsActiveId(Int(body, "FWUPDATEID")))
            {
                return WrongId();
            }
            var phase = wizard.Prepare(Int(body, "COMPONENT_ID"), Int(body, "COMPONENT_DATA_LEN"));
            return phase is HpmWizardPhase.UpdateMode or HpmWizardPhase.Prepared
                ? Step(context, options, state, "preparecomponents", body)
                : WrongStep("preparecomponents", phase);
        });

        foreach (var (endpoint, (field, componentId)) in Uploads)
        {
            routes.MapPost(HpmPath + "/" + endpoint, (Func<HttpContext, Task<IResult>>)(context =>
                UploadAsync(context, options, state, endpoint, field, componentId)));
        }

        routes.MapPut(HpmPath + "/flash", async (HttpContext context) =>
        {
            var (body, error) = await ReadAsync(context, FlashKeys);
            if (error is not null)
            {
                return error;
            }
            if (!wizard.IsActiveId(Int(body, "FWUPDATEID")))
            {
                return WrongId();
            }
            if (Int(body, "COMPONENT_ID") != wizard.ComponentId || Int(body, "COMPONENT_DATA_LEN") != wizard.ComponentDataLength)
            {
                return WebError.Result(StatusCodes.Status500InternalServerError, "Error in HPM Finish Firmware Upload", WrongWizardStep);
            }
            var phase = wizard.StartFlash();
            return phase == HpmWizardPhase.Uploaded ? Step(context, options, state, "flash", body) : WrongStep("flash", phase);
        });

        routes.MapGet(HpmPath + "/upgradestatus", async (HttpContext context) =>
        {
            var quietFor = faults.HpmFlashQuietWindow - wizard.FlashElapsed();
            if (quietFor > TimeSpan.Zero)
            {
                return await QuietAsync(context, wizard, quietFor.Value);
            }
            var componentId = QueryInt(context, "COMPONENT_ID");
            var progress = wizard.FlashProgress(faults.HpmFlashFailsAtPercent);
            if (progress is null || componentId != wizard.ComponentId)
            {
                return WebError.Result(StatusCodes.Status500InternalServerError, "Error in HPM Finish Firmware Upload", FlashNotSent);
            }
            return Results.Json(new JsonObject { ["PROGRESS"] = progress, ["COMPONENT_ID"] = componentId });
        });

        routes.MapPut(HpmPath + "/verifyimage", async (HttpContext context) =>
        {
            var (body, error) = await ReadAsync(context, VerifyKeys);
            if (error is not null)
            {
                return error;
            }
            if (!wizard.IsActiveId(Int(body, "FWUPDATEID")))
            {
                return WrongId();
            }
            return wizard.StartVerify() ? Step(context, options, state, "verifyimage", body) : WrongStep("verifyimage", wizard.Phase);
        });

        routes.MapGet(HpmPath + "/verifyimagestatus", (HttpContext context) =>
        {
            var componentId = QueryInt(context, "COMPONENT_ID");
            var progress = wizard.VerifyProgress();
            return progress is null || componentId != wizard.ComponentId
                ? WrongStep("verifyimagestatus", wizard.Phase)
                : Results.Json(new JsonObject { ["PROGRESS"] = progress, ["COMPONENT_ID"] = componentId });
        });

        routes.MapPut(HpmPath + "/activatecomponents", async (HttpContext context) =>
        {
            var (body, error) = await ReadAsync(context, ActivateKeys);
            if (error is not null)
            {
                return error;
            }
            if (!wizard.IsActiveId(Int(body, "FWUPDATEID")))
            {
                return WrongId();
            }
            if (wizard.Activate(Int(body, "COMPONENT_ID")) is not int activated)
            {
                return WrongStep("activatecomponents", wizard.Phase);
            }
            if (activated is 2 or 4)
            {
                state.Host.BiosFlashed(wizard.ReceivedBiosId?.Version ?? options.FlashedBiosVersion);
            }
            return Step(context, options, state, "activatecomponents", body);
        });

        // ASUS: any session that knows the FWUPDATEID may end update mode (spec b.4).
        routes.MapPut(HpmPath + "/exitupdatemode", async (HttpContext context) =>
        {
            var (body, error) = await ReadAsync(context, ["FWUPDATEID"]);
            if (error is not null)
            {
                return error;
            }
            if (!wizard.IsActiveId(Int(body, "FWUPDATEID")))
            {
                return WrongId();
            }
            wizard.Exit();
            return Results.Json(body);
        });
        return routes;
    }

    private static async Task<IResult> UploadAsync(
        HttpContext context, FakeBmcOptions options, FakeBmcState state, string endpoint, string field, int componentId)
    {
        var wizard = state.HpmWizard;
        if (wizard.Phase != HpmWizardPhase.Prepared || wizard.ComponentId != componentId)
        {
            return WrongStep(endpoint, wizard.Phase);
        }
        var boundary = BoundaryOf(context.Request);
        if (boundary is null)
        {
            return Rejected("Invalid multipart request");
        }
        var reader = new MultipartReader(boundary, context.Request.Body);
        var section = await reader.ReadNextSectionAsync(context.RequestAborted);
        var disposition = section is null ? null : section.GetContentDispositionHeader();
        if (section is null || disposition?.Name.Value != field)
        {
            return Rejected($"Expected the multipart field '{field}'");
        }
        var received = await ReceiveAsync(section.Body, options.Faults.HpmUploadResetAfterBytes, context.RequestAborted);
        if (options.Timings.HpmUploadDuration > TimeSpan.Zero) await Task.Delay(options.Timings.HpmUploadDuration, context.RequestAborted);
        if (received is null)
        {
            context.Abort();
            return Results.Empty;
        }
        if (received.Value.Length != wizard.ComponentDataLength)
        {
            return Rejected($"Image size {received.Value.Length} does not match COMPONENT_DATA_LEN {wizard.ComponentDataLength}");
        }
        var biosId = FakeBiosId.Read(received.Value.Head);
        if (biosId?.EarliestCompatible is { } earliest && string.CompareOrdinal(state.BiosVersion.PadLeft(4, '0'), earliest.PadLeft(4, '0')) < 0)
        {
            wizard.RefusedAsIncompatible();
            return Rejected($"Image not compatible: BIOS {biosId.Value.Version} can be flashed only over {earliest} or later; the BIOS is {state.BiosVersion}");
        }
        wizard.Uploaded(received.Value.Length, received.Value.Sha256, biosId);
        if (options.Faults.HpmPowerOnByPolicyAfterUpload)
        {
            state.Host.PowerOnByPolicy();
        }
        return Step(context, options, state, endpoint, new JsonObject { ["cc"] = 0 });
    }

    /// <summary>Counts and hashes the section and keeps its first bytes; null when the fault drops the connection part way.</summary>
    private static async Task<(long Length, string Sha256, byte[] Head)?> ReceiveAsync(System.IO.Stream body, long? resetAfter, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        var head = new byte[64];
        long length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            if (length < head.Length) buffer.AsSpan(0, (int)Math.Min(read, head.Length - length)).CopyTo(head.AsSpan((int)length));
            length += read;
            if (length > resetAfter)
            {
                return null;
            }
            sha.AppendData(buffer, 0, read);
        }
        return (length, Convert.ToHexString(sha.GetHashAndReset()), head);
    }

    /// <summary>The SPI write keeps the BMC busy: every other poll gets a 503, the rest hang until the window ends.</summary>
    private static async Task<IResult> QuietAsync(HttpContext context, HpmWizardState wizard, TimeSpan quietFor)
    {
        if (wizard.NextQuietPoll() % 2 == 1)
        {
            return WebError.Result(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", StatusCodes.Status503ServiceUnavailable);
        }
        try
        {
            await Task.Delay(quietFor, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up first: as on the real BMC.
        }
        context.Abort();
        return Results.Empty;
    }

    /// <summary>The success answer of a wizard step; drops the calling session (or every web session) afterwards when a fault names this step.</summary>
    private static IResult Step(HttpContext context, FakeBmcOptions options, FakeBmcState state, string step, JsonObject answer)
    {
        if (string.Equals(options.Faults.HpmDropSessionAfter, step, StringComparison.OrdinalIgnoreCase)
            && AuthMarker.Session<WebSession>(context) is { } session)
        {
            state.WebSessions.Remove(session);
        }
        if (string.Equals(options.Faults.HpmDropAllSessionsAfter, step, StringComparison.OrdinalIgnoreCase))
        {
            state.WebSessions.Clear();
        }
        return Results.Json(answer);
    }

    /// <summary>The body as AMI-REST checks it: JSON object (else "Invalid JSON Message Received"), every required key
    /// present (else "Required Variable Not Found") and an integer (else "Invalid Variable Type Received").</summary>
    private static async Task<(JsonObject Body, IResult? Error)> ReadAsync(HttpContext context, IReadOnlyList<string> integerKeys)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null)
        {
            return (new JsonObject(), CompletionCode8("Invalid JSON Message Received"));
        }
        if (integerKeys.Any(k => !body.ContainsKey(k)))
        {
            return (body, CompletionCode8("Required Variable Not Found"));
        }
        if (integerKeys.Any(k => body[k] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out long _)))
        {
            return (body, CompletionCode8("Invalid Variable Type Received"));
        }
        return (body, null);
    }

    private static int Int(JsonObject body, string key) => (int)body[key]!.GetValue<long>();

    private static int? QueryInt(HttpContext context, string name) =>
        int.TryParse(context.Request.Query[name].ToString(), out var value) ? value : null;

    private static string? BoundaryOf(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;

    private static IResult CompletionCode8(string error) =>
        Results.Json(new JsonObject { ["cc"] = 8, ["error"] = error }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult WrongId() =>
        WebError.Result(StatusCodes.Status400BadRequest, "Invalid FWUPDATEID", WrongUpdateId);

    private static IResult WrongStep(string step, HpmWizardPhase phase) =>
        WebError.Result(StatusCodes.Status500InternalServerError, $"Unexpected {step} in wizard state {phase}", WrongWizardStep);

    private static IResult Rejected(string error) =>
        WebError.Result(StatusCodes.Status400BadRequest, error, UploadRejected);
}
