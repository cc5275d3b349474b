using System.Linq;
using System.Text.Json.Nodes;
using EscFirmware.FakeBmc.Redfish;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static EscFirmware.FakeBmc.Personas.IloUpdateEndpoints;

namespace EscFirmware.FakeBmc.Personas;

/// <summary>The Update Task Queue, maintenance windows and install sets of the iLO persona.</summary>
internal static class IloQueueEndpoints
{
    private static readonly string[] Commands = ["ApplyUpdate", "Wait"];
    private static readonly string[] Agents = ["Bmc", "Uefi", "RuntimeAgent"];

    public static void MapIloQueue(this IEndpointRouteBuilder routes, IloUpdateService ilo)
    {
        routes.MapGet(QueuePath, () => Results.Json(RedfishJson.Collection(QueuePath + "/", "#HpeComponentUpdateTaskQueueCollection.HpeComponentUpdateTaskQueueCollection",
            "Update Task Queue", ilo.Tasks().Select(t => $"{QueuePath}/{t.Id}/"))));
        routes.MapGet(QueuePath + "/{id}", (string id, HttpContext context) =>
            ilo.Tasks().FirstOrDefault(t => t.Id == id) is { } task ? Results.Json(Body(task)) : RedfishError.NotFound(context));
        routes.MapPost(QueuePath, async (HttpContext context) =>
        {
            var body = await RequestBody.ReadObjectAsync(context.Request);
            if (body is null) return RedfishError.MalformedJson();
            var (task, error) = ParseTask(body);
            if (task is null) return error!;
            if (ilo.AddTask(task) is { } refusal) return BadRequest("iLO.2.24.TaskCreateFailed", refusal);
            return Results.Json(Body(task), statusCode: StatusCodes.Status201Created).WithLocation($"{QueuePath}/{task.Id}/");
        });
        routes.MapDelete(QueuePath + "/{id}", (string id, HttpContext context) => ilo.RemoveTask(id) ? Results.Ok(Success()) : RedfishError.NotFound(context));

        (IloTask? Task, IResult? Error) ParseTask(JsonObject body)
        {
            var name = StringOf(body, "Name");
            var command = StringOf(body, "Command") ?? "ApplyUpdate";
            // The seed spells the property UpdatableBy in its samples and UpdateableBy in its prose: accept both.
            var agents = StringsOf(body, "UpdatableBy", "UpdateableBy");
            var filename = StringOf(body, "Filename") ?? ComponentFilename(StringOf(body, "Component"));
            var (start, startOk) = TimeOf(body, "StartAfter");
            var (expire, expireOk) = TimeOf(body, "Expire");
            var wait = body["WaitTimeSeconds"] is JsonValue w && w.TryGetValue(out int seconds) ? seconds : 0;
            if (string.IsNullOrWhiteSpace(name)) return (null, BadRequest("Base.1.18.PropertyMissing", "The property Name is required."));
            if (!Commands.Contains(command)) return (null, BadRequest("Base.1.18.PropertyValueNotInList", $"Command must be ApplyUpdate or Wait, not {command}."));
            if (agents.Length == 0 || agents.Any(a => !Agents.Contains(a))) return (null, BadRequest("Base.1.18.PropertyValueNotInList", "UpdatableBy must list Bmc, Uefi or RuntimeAgent."));
            if (!startOk || !expireOk) return (null, BadRequest("Base.1.18.PropertyValueFormatError", "StartAfter and Expire must be ISO 8601 times."));
            if (wait < 0 || wait > 3600) return (null, BadRequest("Base.1.18.PropertyValueOutOfRange", "WaitTimeSeconds must be 0-3600."));
            if (command == "ApplyUpdate" && filename is null) return (null, BadRequest("Base.1.18.PropertyMissing", "An ApplyUpdate task needs Filename or Component."));
            var window = StringOf(body, "MaintenanceWindow");
            return (new IloTask(IloUpdateService.IdOf(name), name, command, filename, agents, start, expire, window, wait, ilo.Now), null);
        }

        string? ComponentFilename(string? component) =>
            component is null ? null
            : ilo.Components().FirstOrDefault(c => component.TrimEnd('/').EndsWith("/" + c.Id, System.StringComparison.Ordinal) || c.Filename == component)?.Filename ?? component;
    }

    private static JsonObject Body(IloTask task)
    {
        var body = new JsonObject
        {
            ["@odata.id"] = $"{QueuePath}/{task.Id}/",
            ["@odata.type"] = "#HpeComponentUpdateTask.v1_2_0.HpeComponentUpdateTask",
            ["Id"] = task.Id,
            ["Name"] = task.Name,
            ["Command"] = task.Command,
            ["Filename"] = task.Filename,
            ["UpdatableBy"] = new JsonArray(task.UpdatableBy.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
            ["State"] = task.State,
            ["Created"] = Time(task.Created),
            ["Modified"] = Time(task.Modified),
            ["WaitTimeSeconds"] = task.WaitTimeSeconds,
        };
        if (task.StartAfter is { } start) body["StartAfter"] = Time(start);
        if (task.Expire is { } expire) body["Expire"] = Time(expire);
        if (task.MaintenanceWindow is { } window) body["MaintenanceWindow"] = window;
        if (task.Result is { } result) body["Result"] = new JsonObject { ["MessageId"] = result };
        return body;
    }

    public static void MapIloWindows(this IEndpointRouteBuilder routes, IloUpdateService ilo)
    {
        routes.MapGet(WindowsPath, () => Results.Json(RedfishJson.Collection(WindowsPath + "/", "#HpeMaintenanceWindowCollection.HpeMaintenanceWindowCollection",
            "Maintenance Windows", ilo.Windows().Select(w => $"{WindowsPath}/{w.Id}/"))));
        routes.MapGet(WindowsPath + "/{id}", (string id, HttpContext context) =>
            ilo.FindWindow(id) is { } window ? Results.Json(Body(window)) : RedfishError.NotFound(context));
        routes.MapPost(WindowsPath, async (HttpContext context) =>
        {
            var body = await RequestBody.ReadObjectAsync(context.Request);
            if (body is null) return RedfishError.MalformedJson();
            var name = StringOf(body, "Name");
            var (start, startOk) = TimeOf(body, "StartAfter");
            var (expire, expireOk) = TimeOf(body, "Expire");
            if (string.IsNullOrWhiteSpace(name)) return BadRequest("Base.1.18.PropertyMissing", "The property Name is required.");
            if (!startOk || !expireOk) return BadRequest("Base.1.18.PropertyValueFormatError", "StartAfter and Expire must be ISO 8601 times.");
            if (start is { } s && expire is { } e && e <= s) return BadRequest("Base.1.18.PropertyValueConflict", "Expire must be after StartAfter.");
            var window = new IloWindow(IloUpdateService.IdOf(name), name, start, expire);
            if (ilo.AddWindow(window) is { } refusal) return BadRequest("iLO.2.24.MaintenanceWindowCreateFailed", refusal);
            return Results.Json(Body(window), statusCode: StatusCodes.Status201Created).WithLocation($"{WindowsPath}/{window.Id}/");
        });
        routes.MapPatch(WindowsPath + "/{id}", async (string id, HttpContext context) =>
        {
            var window = ilo.FindWindow(id);
            if (window is null) return RedfishError.NotFound(context);
            var body = await RequestBody.ReadObjectAsync(context.Request);
            if (body is null) return RedfishError.MalformedJson();
            var (start, startOk) = body.ContainsKey("StartAfter") ? TimeOf(body, "StartAfter") : (window.StartAfter, true);
            var (expire, expireOk) = body.ContainsKey("Expire") ? TimeOf(body, "Expire") : (window.Expire, true);
            if (!startOk || !expireOk) return BadRequest("Base.1.18.PropertyValueFormatError", "StartAfter and Expire must be ISO 8601 times.");
            ilo.ReplaceWindow(window with { StartAfter = start, Expire = expire });
            return Results.Ok(Success());
        });
        routes.MapDelete(WindowsPath + "/{id}", (string id, HttpContext context) => ilo.RemoveWindow(id) switch
        {
            null => Results.Ok(Success()),
            "missing" => RedfishError.NotFound(context),
            var refusal => BadRequest("iLO.2.24.MaintenanceWindowInUse", refusal),
        });
    }

    private static JsonObject Body(IloWindow window) => new()
    {
        ["@odata.id"] = $"{WindowsPath}/{window.Id}/",
        ["@odata.type"] = "#HpeMaintenanceWindow.v1_0_0.HpeMaintenanceWindow",
        ["Id"] = window.Id,
        ["Name"] = window.Name,
        ["StartAfter"] = window.StartAfter is { } s ? Time(s) : null,
        ["Expire"] = window.Expire is { } e ? Time(e) : null,
    };

    public static void MapIloInstallSets(this IEndpointRouteBuilder routes, IloUpdateService ilo)
    {
        routes.MapGet(InstallSetsPath, () => Results.Json(RedfishJson.Collection(InstallSetsPath + "/", "#HpeComponentInstallSetCollection.HpeComponentInstallSetCollection",
            "Install Sets", ilo.InstallSets().Select(s => $"{InstallSetsPath}/{s.Id}/"))));
        routes.MapGet(InstallSetsPath + "/{id}", (string id, HttpContext context) =>
            ilo.InstallSets().FirstOrDefault(s => s.Id == id) is { } set ? Results.Json(Body(set)) : RedfishError.NotFound(context));
        routes.MapPost(InstallSetsPath, async (HttpContext context) =>
        {
            var body = await RequestBody.ReadObjectAsync(context.Request);
            if (body is null) return RedfishError.MalformedJson();
            var name = StringOf(body, "Name");
            if (string.IsNullOrWhiteSpace(name)) return BadRequest("Base.1.18.PropertyMissing", "The property Name is required.");
            if (body["Sequence"] is not JsonArray sequence || sequence.Count == 0) return BadRequest("Base.1.18.PropertyMissing", "The property Sequence needs at least one item.");
            var items = sequence.OfType<JsonObject>().Select(i => new IloSequenceItem(
                StringOf(i, "Name") ?? "", StringOf(i, "Command") ?? "ApplyUpdate", StringOf(i, "Filename"), StringsOf(i, "UpdatableBy", "UpdateableBy"),
                i["WaitTimeSeconds"] is JsonValue w && w.TryGetValue(out int seconds) ? seconds : 0)).ToList();
            if (items.Count != sequence.Count || items.Any(i => i.Name.Length == 0 || !Commands.Contains(i.Command) || i.UpdatableBy.Count == 0
                                                           || (i.Command == "ApplyUpdate" && !ilo.Components().Any(c => c.Filename == i.Filename))))
            {
                return BadRequest("Base.1.18.PropertyValueError", "Each sequence item needs a Name, a Command, UpdatableBy and, for ApplyUpdate, a Filename in the repository.");
            }
            var isRecovery = body["IsRecovery"] is JsonValue r && r.TryGetValue(out bool recovery) && recovery;
            var set = new IloInstallSet(IloUpdateService.IdOf(name), name, isRecovery, items);
            if (ilo.AddInstallSet(set) is { } refusal) return BadRequest("iLO.2.24.InstallSetCreateFailed", refusal);
            return Results.Json(Body(set), statusCode: StatusCodes.Status201Created).WithLocation($"{InstallSetsPath}/{set.Id}/");
        });
        routes.MapDelete(InstallSetsPath + "/{id}", (string id, HttpContext context) => ilo.RemoveInstallSet(id) ? Results.Ok(Success()) : RedfishError.NotFound(context));
        routes.MapPost(InstallSetsPath + "/{id}/Actions/" + InvokeAction, async (string id, HttpContext context) =>
        {
            var body = await RequestBody.ReadObjectAsync(context.Request) ?? new JsonObject();
            var clear = body["ClearTaskQueue"] is JsonValue c && c.TryGetValue(out bool yes) && yes;
            var (start, startOk) = TimeOf(body, "StartAfter");
            var (expire, expireOk) = TimeOf(body, "Expire");
            if (!startOk || !expireOk) return BadRequest("Base.1.18.ActionParameterValueFormatError", "StartAfter and Expire must be ISO 8601 times.");
            return ilo.Invoke(id, clear, start, expire, StringOf(body, "MaintenanceWindow")) switch
            {
                null => Results.Ok(Success()),
                "missing" => RedfishError.NotFound(context),
                var refusal => BadRequest("iLO.2.24.InstallSetInvokeFailed", refusal),
            };
        });
    }

    private static JsonObject Body(IloInstallSet set) => new()
    {
        ["@odata.id"] = $"{InstallSetsPath}/{set.Id}/",
        ["@odata.type"] = "#HpeComponentInstallSet.v1_3_0.HpeComponentInstallSet",
        ["Id"] = set.Id,
        ["Name"] = set.Name,
        ["IsRecovery"] = set.IsRecovery,
        ["Sequence"] = new JsonArray(set.Sequence.Select(i => (JsonNode)new JsonObject
        {
            ["Name"] = i.Name,
            ["Command"] = i.Command,
            ["Filename"] = i.Filename,
            ["UpdatableBy"] = new JsonArray(i.UpdatableBy.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
            ["WaitTimeSeconds"] = i.WaitTimeSeconds,
        }).ToArray()),
        ["Actions"] = new JsonObject { ["#" + InvokeAction] = new JsonObject { ["target"] = $"{InstallSetsPath}/{set.Id}/Actions/{InvokeAction}/" } },
    };
}
