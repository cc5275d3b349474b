using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Ilo;
using EscFirmware.Core.Operations;

namespace EscFirmware.Cli.Commands
{
    /// <summary>
    /// <c>escfw ilo</c>: the twins of the HPE iLO update-service cmdlets. <c>component add|list|remove</c>
    /// (Add-/Get-/Remove-EscRepositoryComponent), <c>task new|list|remove</c> (New-/Get-/Remove-EscUpdateTask),
    /// <c>window new|remove</c> (New-/Remove-EscMaintenanceWindow), <c>installset list|new|invoke</c> (Get-/New-/Invoke-EscInstallSet).
    /// </summary>
    internal static class IloCommand
    {
        private static readonly VerbOutput ComponentOutput = new VerbOutput(
            new JsonShape(new[] { "ComputerName", "Id", "Name", "Filename", "Version", "SizeBytes", "Locked", "Activates", "Created", "Uri" }),
            new[] { "ComputerName", "Filename", "Version", "SizeBytes", "Locked", "Activates" });
        private static readonly VerbOutput TaskOutput = new VerbOutput(
            new JsonShape(new[] { "ComputerName", "Id", "Name", "Command", "Filename", "UpdatableBy", "State", "Stalls", "MaintenanceWindow", "StartAfter", "Expire", "Result", "Uri" }),
            new[] { "ComputerName", "Name", "Command", "Filename", "State", "Stalls", "MaintenanceWindow" },
            new[] { "Result" });
        private static readonly VerbOutput WindowOutput = new VerbOutput(
            new JsonShape(new[] { "ComputerName", "Id", "Name", "StartAfter", "Expire", "Uri" }),
            new[] { "ComputerName", "Id", "Name", "StartAfter", "Expire" });
        private static readonly VerbOutput InstallSetOutput = new VerbOutput(
            new JsonShape(new[] { "ComputerName", "Id", "Name", "IsRecovery", "Sequence", "Uri" }),
            new[] { "ComputerName", "Name", "IsRecovery", "Sequence" });

        public static Command Create(CliContext context)
        {
            var ilo = new Command("ilo", "The HPE iLO update service: repository components, the update task queue, maintenance windows, install sets.");
            ilo.Subcommands.Add(Group("component", "The iLO Repository.",
                Verb(context, "add", "Upload a component (and its .compsig) to the repository, streamed; flash only with --flash (Add-EscRepositoryComponent).", ComponentOutput, true, cmd =>
                {
                    var path = Required<string>(cmd, "--path", "The component file.");
                    var compsig = Optional<string?>(cmd, "--compsig", "Its component signature file (.compsig).");
                    var flash = Optional<bool>(cmd, "--flash", "Also flash it now (UpdateTarget).");
                    var uploadTimeout = Optional<int>(cmd, "--upload-timeout-sec", "How long the upload may take, in seconds.", 1800);
                    return parse => (request, settings, sink, token) => RepositoryOperations.Add(request, With(settings, parse.GetValue(uploadTimeout), 30, 14400, "--upload-timeout-sec", upload: true),
                        Path.GetFullPath(parse.GetValue(path)!), parse.GetValue(compsig) is string c ? Path.GetFullPath(c) : null, parse.GetValue(flash), sink, token);
                }),
                Verb(context, "list", "List the repository (Get-EscRepositoryComponent).", ComponentOutput, false, cmd =>
                    parse => (request, settings, sink, token) => RepositoryOperations.Get(request, settings, sink, token)),
                Verb(context, "remove", "Remove a component by file name (Remove-EscRepositoryComponent).", ComponentOutput, true, cmd =>
                {
                    var name = Required<string>(cmd, "--filename", "The component's file name or Id.");
                    return parse => (request, settings, sink, token) => RepositoryOperations.Remove(request, settings, parse.GetValue(name)!, true, sink, token);
                })));
            ilo.Subcommands.Add(Group("task", "The Update Task Queue.",
                Verb(context, "new", "Queue an update task, optionally in a maintenance window, and watch it with --wait (New-EscUpdateTask).", TaskOutput, true, cmd =>
                {
                    var name = Required<string>(cmd, "--name", "A name unique in the queue.");
                    var filename = Optional<string?>(cmd, "--filename", "The repository component to apply.");
                    var command = Optional<string>(cmd, "--command", "ApplyUpdate or Wait.", "ApplyUpdate");
                    command.AcceptOnlyFromAmong("ApplyUpdate", "Wait");
                    var updatableBy = Optional<string[]>(cmd, "--updatable-by", "Bmc, Uefi or RuntimeAgent (repeat for several).", new[] { "Bmc" });
                    updatableBy.AcceptOnlyFromAmong("Bmc", "Uefi", "RuntimeAgent");
                    var window = Optional<string?>(cmd, "--maintenance-window", "The Id of a maintenance window to wait for.");
                    var start = Add(cmd, TimeOption.Create("--start-after", "Earliest start, iLO clock"));
                    var expire = Add(cmd, TimeOption.Create("--expire", "Never run after this, iLO clock"));
                    var waitSeconds = Optional<int>(cmd, "--wait-time-sec", "For --command Wait: seconds (0-3600).");
                    var wait = Optional<bool>(cmd, "--wait", "Watch the task until it ends or the queue stalls.");
                    var taskTimeout = Optional<int>(cmd, "--task-timeout-sec", "How long --wait watches, in seconds.", 7200);
                    return parse => (request, settings, sink, token) =>
                    {
                        if (parse.GetValue(window) != null && (parse.GetValue(start) != null || parse.GetValue(expire) != null)) throw new UsageException("give either --maintenance-window or --start-after/--expire.");
                        if (parse.GetValue(command) == "ApplyUpdate" && parse.GetValue(filename) == null) throw new UsageException("an ApplyUpdate task needs --filename.");
                        var task = new UpdateTaskRequest
                        {
                            Name = parse.GetValue(name)!, Command = parse.GetValue(command)!, Filename = parse.GetValue(filename), UpdatableBy = parse.GetValue(updatableBy)!, MaintenanceWindow = parse.GetValue(window),
                            StartAfter = parse.GetValue(start), Expire = parse.GetValue(expire),
                            WaitTimeSeconds = Bounds.Check(parse.GetValue(waitSeconds), "--wait-time-sec", 0, 3600), Wait = parse.GetValue(wait),
                        };
                        TaskQueueOperations.New(request, With(settings, parse.GetValue(taskTimeout), 10, 604800, "--task-timeout-sec", upload: false), task, sink, token);
                    };
                }),
                Verb(context, "list", "List the queue in order with each task's State (Get-EscUpdateTask).", TaskOutput, false, cmd =>
                    parse => (request, settings, sink, token) => TaskQueueOperations.Get(request, settings, sink, token)),
                Verb(context, "remove", "Remove a task that is not InProgress (Remove-EscUpdateTask).", TaskOutput, true, cmd =>
                {
                    var name = Required<string>(cmd, "--name", "The task's name or Id.");
                    return parse => (request, settings, sink, token) => TaskQueueOperations.Remove(request, settings, parse.GetValue(name)!, true, sink, token);
                })));
            ilo.Subcommands.Add(Group("window", "Maintenance windows.",
                Verb(context, "new", "Create a maintenance window (New-EscMaintenanceWindow).", WindowOutput, true, cmd =>
                {
                    var name = Required<string>(cmd, "--name", "A unique name.");
                    var start = Add(cmd, TimeOption.Create("--start-after", "When it opens, iLO clock; omit for now"));
                    var expire = Add(cmd, TimeOption.Create("--expire", "When it closes, iLO clock"));
                    return parse => (request, settings, sink, token) => MaintenanceWindowOperations.New(request, settings, parse.GetValue(name)!, parse.GetValue(start), parse.GetValue(expire), sink, token);
                }),
                Verb(context, "remove", "Remove a maintenance window (Remove-EscMaintenanceWindow).", WindowOutput, true, cmd =>
                {
                    var name = Required<string>(cmd, "--name", "The window's name or Id.");
                    return parse => (request, settings, sink, token) => MaintenanceWindowOperations.Remove(request, settings, parse.GetValue(name)!, true, sink, token);
                })));
            ilo.Subcommands.Add(Group("installset", "Install sets.",
                Verb(context, "list", "List install sets (Get-EscInstallSet).", InstallSetOutput, false, cmd =>
                    parse => (request, settings, sink, token) => InstallSetOperations.Get(request, settings, sink, token)),
                Verb(context, "new", "Create an install set applying repository components in order (New-EscInstallSet).", InstallSetOutput, true, cmd =>
                {
                    var name = Required<string>(cmd, "--name", "A unique name.");
                    var filenames = Required<string[]>(cmd, "--filename", "A repository component to apply; repeat, in order.");
                    var updatableBy = Optional<string[]>(cmd, "--updatable-by", "Bmc, Uefi or RuntimeAgent.", new[] { "Bmc" });
                    updatableBy.AcceptOnlyFromAmong("Bmc", "Uefi", "RuntimeAgent");
                    return parse => (request, settings, sink, token) => InstallSetOperations.New(request, settings, parse.GetValue(name)!, parse.GetValue(filenames)!, parse.GetValue(updatableBy)!, sink, token);
                }),
                Verb(context, "invoke", "Queue an install set's sequence, after clearing the queue unless --keep-task-queue (Invoke-EscInstallSet).", InstallSetOutput, true, cmd =>
                {
                    var name = Required<string>(cmd, "--name", "The install set's name or Id.");
                    var keep = Optional<bool>(cmd, "--keep-task-queue", "Keep the tasks already queued.");
                    var window = Optional<string?>(cmd, "--maintenance-window", "The Id of a maintenance window.");
                    var start = Add(cmd, TimeOption.Create("--start-after", "Earliest start, iLO clock"));
                    var expire = Add(cmd, TimeOption.Create("--expire", "Never run after this, iLO clock"));
                    return parse => (request, settings, sink, token) => InstallSetOperations.Invoke(request, settings, parse.GetValue(name)!, !parse.GetValue(keep), parse.GetValue(window), parse.GetValue(start), parse.GetValue(expire), sink, token);
                })));
            return ilo;
        }

        private delegate void IloRun(BmcFleetRequest request, IloSettings settings, IConfirmingSink sink, CancellationToken cancellationToken);

        private static Option<T> Required<T>(Command command, string name, string description)
        {
            var option = new Option<T>(name) { Description = description, Required = true };
            command.Options.Add(option);
            return option;
        }

        private static Option<T> Optional<T>(Command command, string name, string description, T defaultValue = default!)
        {
            var option = new Option<T>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
            command.Options.Add(option);
            return option;
        }

        private static Option<T> Add<T>(Command command, Option<T> option)
        {
            command.Options.Add(option);
            return option;
        }

        private static IloSettings With(IloSettings settings, int seconds, int min, int max, string option, bool upload)
        {
            var span = TimeSpan.FromSeconds(Bounds.Check(seconds, option, min, max));
            if (upload) settings.UploadTimeout = span;
            else settings.TaskTimeout = span;
            return settings;
        }

        private static Command Group(string name, string description, params Command[] verbs)
        {
            var group = new Command(name, description);
            foreach (var verb in verbs) group.Subcommands.Add(verb);
            return group;
        }

        /// <summary>One verb: the shared BMC options, a poll interval, --whatif/--yes when it changes the iLO, its own options, the run, the results.</summary>
        private static Command Verb(CliContext context, string name, string description, VerbOutput output, bool changes,
            Func<Command, Func<ParseResult, IloRun>> define)
        {
            var command = new Command(name, description);
            var options = new BmcOptions();
            options.AddTo(command);
            var confirmation = changes ? new ConfirmationOptions() : null;
            confirmation?.AddTo(command);
            var pollInterval = Optional<int>(command, "--poll-interval-sec", "Seconds between polls of the iLO.", 5);
            var run = define(command);
            command.SetAction((parse, cancellationToken) =>
            {
                var confirm = confirmation?.Policy(parse, context);
                var settings = IloSettings.FromSeconds(Bounds.Check(parse.GetValue(pollInterval), "--poll-interval-sec", 1, 600), 1800, 7200);
                var request = options.BuildRequest(parse, context);
                var json = parse.GetValue(options.Json);
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose), confirm);
                try
                {
                    run(parse)(request, settings, sink, cancellationToken);
                }
                catch (EscFirmwareException refused)
                {
                    // Refused before any iLO was contacted (a missing file, a window that ends before it starts): about no host.
                    sink.WriteError(OperationError.FromException(refused, string.Empty));
                }
                output.Write(context, sink, json, request.Hosts());
                return Task.FromResult(sink.ExitCode);
            });
            return command;
        }
    }
}
