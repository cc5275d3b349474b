using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscFirmware.FakeBmc.Redfish;

/// <summary><c>/redfish/v1/TaskService/Tasks/N</c>: the task an accepted upload returns (spec a.6). <c>PercentComplete</c>
/// is filled here, though real AMI builds often leave it out.</summary>
internal static class TaskEndpoints
{
    public const string TaskServicePath = "/redfish/v1/TaskService";
    public const string TasksPath = TaskServicePath + "/Tasks";

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder routes, FakeBmcState state)
    {
        routes.MapGet(TaskServicePath, () => Results.Json(new JsonObject
        {
            ["@odata.id"] = TaskServicePath,
            ["@odata.type"] = "#TaskService.v1_1_4.TaskService",
            ["Id"] = "TaskService",
            ["Name"] = "Task Service",
            ["ServiceEnabled"] = true,
            ["Tasks"] = RedfishJson.Link(TasksPath),
        }));

        routes.MapGet(TasksPath, () => Results.Json(RedfishJson.Collection(
            TasksPath, "#TaskCollection.TaskCollection", "Task Collection", state.RedfishUpdate.Tasks().Select(t => t.Path))));

        routes.MapGet(TasksPath + "/{id:int}", (int id, HttpContext context) =>
            state.RedfishUpdate.FindTask(id) is { } task ? Results.Json(Body(task)) : RedfishError.NotFound(context));
        return routes;
    }

    public static JsonObject Body(FakeUpdateTask task)
    {
        var (taskState, percent) = task.Snapshot();
        return new JsonObject
        {
            ["@odata.id"] = task.Path,
            ["@odata.type"] = "#Task.v1_4_3.Task",
            ["Id"] = task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Name"] = "BMC firmware update",
            ["TaskState"] = taskState,
            ["TaskStatus"] = "OK",
            ["PercentComplete"] = percent,
            ["Messages"] = new JsonArray(),
        };
    }
}
