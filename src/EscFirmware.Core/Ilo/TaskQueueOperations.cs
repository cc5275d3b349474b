using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Ilo
{
    /// <summary>What New-EscUpdateTask queues.</summary>
    public sealed class UpdateTaskRequest
    {
        public string Name { get; set; } = string.Empty;
        /// <summary>ApplyUpdate or Wait.</summary>
        public string Command { get; set; } = "ApplyUpdate";
        public string? Filename { get; set; }
        /// <summary>Bmc, Uefi, RuntimeAgent: which updater may run it.</summary>
        public string[] UpdatableBy { get; set; } = { "Bmc" };
        public string? MaintenanceWindow { get; set; }
        public DateTimeOffset? StartAfter { get; set; }
        public DateTimeOffset? Expire { get; set; }
        public int WaitTimeSeconds { get; set; }
        public bool TpmOverride { get; set; }
        /// <summary>Watch the task until it ends (Complete, Exception, Expired, Canceled) or the queue stalls, bounded.</summary>
        public bool Wait { get; set; }
    }

    /// <summary>New-, Get- and Remove-EscUpdateTask: the iLO Update Task Queue, processed strictly in order by the iLO.</summary>
    public static class TaskQueueOperations
    {
        public const string Link = "UpdateTaskQueue";
        private static readonly string[] Ended = { "Complete", "Exception", "Expired", "Canceled" };
        private static readonly string[] Stalling = { "Exception", "Expired" };

        public static void New(BmcFleetRequest request, IloSettings settings, UpdateTaskRequest task, IConfirmingSink sink, CancellationToken cancellationToken)
        {
            var when = task.MaintenanceWindow != null ? " in maintenance window " + task.MaintenanceWindow
                : task.StartAfter != null || task.Expire != null ? " between " + (task.StartAfter.HasValue ? IloRead.Iso(task.StartAfter.Value) : "now") + " and " + (task.Expire.HasValue ? IloRead.Iso(task.Expire.Value) : "whenever")
                : " as soon as an updater reaches it";
            var plan = "Queue task '" + task.Name + "' (" + task.Command + (task.Filename != null ? " " + task.Filename : string.Empty) + " by " + string.Join("/", task.UpdatableBy) + ")" + when;
            IloFleet.RunChange<EscUpdateTask>(request, settings, plan, async (ilo, target, hostSink, token) =>
            {
                var body = new Dictionary<string, object> { ["Name"] = task.Name, ["Command"] = task.Command, ["UpdatableBy"] = task.UpdatableBy };
                if (task.Filename != null) body["Filename"] = task.Filename;
                if (task.MaintenanceWindow != null) body["MaintenanceWindow"] = task.MaintenanceWindow;
                if (task.StartAfter.HasValue) body["StartAfter"] = IloRead.Iso(task.StartAfter.Value);
                if (task.Expire.HasValue) body["Expire"] = IloRead.Iso(task.Expire.Value);
                if (task.Command == "Wait") body["WaitTimeSeconds"] = task.WaitTimeSeconds;
                if (task.TpmOverride) body["TPMOverride"] = true;
                var created = IloRead.Task(target.DisplayName, await ilo.CreateAsync(Link, body, "queueing task '" + task.Name + "'", token).ConfigureAwait(false));
                if (!task.Wait) return new[] { created };
                return new[] { await WatchAsync(ilo, target.DisplayName, task.Name, settings, hostSink, token).ConfigureAwait(false) };
            }, sink, cancellationToken);
        }

        /// <summary>Polls the queue until the task ends, or a task ahead of it stalls the queue (reported, not waited out), bounded.</summary>
        private static async Task<EscUpdateTask> WatchAsync(IloClient ilo, string host, string name, IloSettings settings, IOperationSink sink, CancellationToken cancellationToken)
        {
            var progress = new HostProgress(sink, host, PerHostFleet.ActivityId);
            var deadline = DateTimeOffset.UtcNow + settings.TaskTimeout;
            string? last = null;
            while (true)
            {
                var queue = await ReadAsync(ilo, host, cancellationToken).ConfigureAwait(false);
                var mine = queue.FirstOrDefault(t => t.Name == name)
                    ?? throw IloErrors.TaskLeftQueue(host, name);
                if (mine.State != last) progress.Phase("Task", "'" + name + "' is " + mine.State);
                last = mine.State;
                if (Ended.Contains(mine.State, StringComparer.Ordinal))
                {
                    progress.Done(mine.State!);
                    return mine;
                }
                var blocker = queue.TakeWhile(t => t.Name != name).FirstOrDefault(t => t.Stalls);
                if (mine.State == "Pending" && blocker != null)
                {
                    throw IloErrors.QueueStalled(host, blocker.Name ?? string.Empty, blocker.State ?? string.Empty, name);
                }
                if (DateTimeOffset.UtcNow + settings.PollInterval > deadline)
                {
                    throw IloErrors.TaskTimeout(host, name, mine.State ?? string.Empty, settings.TaskTimeout);
                }
                await Task.Delay(settings.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The queue in order, each task marked when it holds up the ones behind it.</summary>
        private static async Task<List<EscUpdateTask>> ReadAsync(IloClient ilo, string host, CancellationToken cancellationToken)
        {
            var tasks = (await ilo.MembersAsync(Link, cancellationToken).ConfigureAwait(false)).Select(t => IloRead.Task(host, t)).ToList();
            for (var i = 0; i < tasks.Count; i++) tasks[i].Stalls = Stalling.Contains(tasks[i].State, StringComparer.Ordinal) && i < tasks.Count - 1;
            return tasks;
        }

        public static void Get(BmcFleetRequest request, IloSettings settings, IOperationSink sink, CancellationToken cancellationToken) =>
            IloFleet.Run<EscUpdateTask>(request, settings, "Reading iLO task queues", async (ilo, target, hostSink, token) =>
                await ReadAsync(ilo, target.DisplayName, token).ConfigureAwait(false), sink, cancellationToken);

        /// <param name="passThru">Write the removed task.</param>
        public static void Remove(BmcFleetRequest request, IloSettings settings, string name, bool passThru, IConfirmingSink sink, CancellationToken cancellationToken) =>
            IloFleet.RunChange<EscUpdateTask>(request, settings, "Remove task '" + name + "' from the iLO task queue", async (ilo, target, hostSink, token) =>
            {
                var task = (await ReadAsync(ilo, target.DisplayName, token).ConfigureAwait(false)).FirstOrDefault(t => t.Name == name || t.Id == name)
                    ?? throw IloErrors.ItemNotFound(target.DisplayName, "task", name);
                if (task.State == "InProgress")
                {
                    throw IloErrors.TaskInProgress(target.DisplayName, name);
                }
                await ilo.DeleteAsync(task.Uri, "removing task '" + name + "'", token).ConfigureAwait(false);
                return passThru ? new[] { task } : new EscUpdateTask[0];
            }, sink, cancellationToken);
    }
}
