using System.Linq;
using System.Text.Json.Nodes;
using EscFirmware.FakeBmc.Redfish;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Personas;

/// <summary>The generic persona's TaskService: Tasks always answer 200 with their TaskState; TaskMonitors answer 202
/// with the task while it runs, 204 exactly once when it has ended, then 404 (bmcweb, spec redfish-update 4).</summary>
internal static class DmtfTaskEndpoints
{
    private const string TasksPath = PersonaLayout.TaskServicePath + "/Tasks";

    public static IEndpointRouteBuilder MapDmtfTasks(this IEndpointRouteBuilder routes, FakeBmcOptions options, FakeBmcState state)
    {
        routes.MapGet(PersonaLayout.TaskServicePath, () => Results.Json(new JsonObject
        {
            ["@odata.id"] = PersonaLayout.TaskServicePath,
            ["@odata.type"] = "#TaskService.v1_2_0.TaskService",
            ["Id"] = "TaskService",
            ["ServiceEnabled"] = true,
            ["Tasks"] = RedfishJson.Link(TasksPath),
        }));
        routes.MapGet(TasksPath, () => Results.Json(RedfishJson.Collection(TasksPath, "#TaskCollection.TaskCollection", "Task Collection",
            state.Dmtf.All().Select(t => t.TaskPath))));
        routes.MapGet(TasksPath + "/{id:int}", (int id, HttpContext context) =>
            state.Dmtf.Find(id) is { } task ? Results.Json(Body(task, state, options)) : RedfishError.NotFound(context));
        routes.MapGet(PersonaLayout.TaskServicePath + "/TaskMonitors/{id:int}", (int id, HttpContext context) =>
        {
            var task = state.Dmtf.Find(id);
            if (task is null) return RedfishError.NotFound(context);
            if (!task.IsTerminal(state.Dmtf.Phase(task)))
            {
                context.Response.Headers.RetryAfter = "1";
                return Results.Json(Body(task, state, options), statusCode: StatusCodes.Status202Accepted);
            }
            lock (task)
            {
                if (task.MonitorEnded) return RedfishError.NotFound(context);
                task.MonitorEnded = true;
            }
            return Results.NoContent();
        });
        return routes;
    }

    public static JsonObject Body(DmtfTask task, FakeBmcState state, FakeBmcOptions options)
    {
        var (taskState, percent) = state.Dmtf.Phase(task);
        var messages = new JsonArray();
        if (taskState == "Exception")
        {
            messages.Add(new JsonObject { ["MessageId"] = "Update.1.0.ApplyFailed", ["Message"] = "The image was refused by the component.", ["Severity"] = "Critical" });
        }
        else if (taskState == "Completed" && task.NeedsReset)
        {
            messages.Add(new JsonObject
            {
                ["MessageId"] = "Base.1.16.ResetRequired",
                ["Message"] = "In order to apply changes, recover from errors, or other reasons, the component requires a reset.",
                ["MessageArgs"] = new JsonArray(task.Target == "BIOS" ? "/redfish/v1/Systems" : "/redfish/v1/Managers", task.Target == "BIOS" ? "ForceRestart" : "GracefulRestart"),
                ["Severity"] = "Warning",
            });
        }
        return new JsonObject
        {
            ["@odata.id"] = task.TaskPath,
            ["@odata.type"] = "#Task.v1_7_0.Task",
            ["Id"] = task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Name"] = "Firmware update " + task.Target,
            ["TaskState"] = taskState,
            ["TaskStatus"] = taskState == "Exception" ? "Critical" : "OK",
            ["PercentComplete"] = percent,
            ["TaskMonitor"] = options.Dmtf.BrokenBodyTaskMonitor ? PersonaLayout.TaskServicePath + "/TaskMonitors/broken" + task.Id : task.MonitorPath,
            ["Messages"] = messages,
        };
    }
}
