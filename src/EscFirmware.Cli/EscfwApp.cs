using System;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Cli.Commands;
using EscFirmware.Core.Wording;

namespace EscFirmware.Cli
{
    /// <summary>escfw: the command-line twin of the EscFirmware cmdlets, one verb per cmdlet.</summary>
    public static class EscfwApp
    {
        public static RootCommand Build(CliContext context)
        {
            var root = new RootCommand("escfw — check and update BMC firmware and BIOS on ASUS ESC servers (the EscFirmware module's command-line twin).");
            root.Options.Add(GlobalOptions.Verbose);
            root.Subcommands.Add(VersionCommand.Create(context));
            root.Subcommands.Add(InventoryCommand.Create(context));
            root.Subcommands.Add(IloCommand.Create(context));
            root.Subcommands.Add(ImageCommand.Create(context));
            root.Subcommands.Add(CatalogCommand.Create(context));
            root.Subcommands.Add(PackageCommand.Create(context));
            root.Subcommands.Add(AuditCommand.Create(context));
            root.Subcommands.Add(UpdateCommand.Create(context));
            root.Subcommands.Add(UpgradeCommand.Create(context));
            root.Subcommands.Add(PathCommand.Create(context));
            root.Subcommands.Add(SimulateCommand.Create(context));
            root.Subcommands.Add(DemoCommand.Create(context));
            root.Subcommands.Add(StateCommand.Create(context));
            root.Subcommands.Add(ExitUpdateModeCommand.Create(context));
            return root;
        }

        public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
        {
            // Every message and remedy the operations build reads in escfw's words (verbs, --flags) from here down.
            using var words = FrontEnds.Use(FrontEnd.Escfw);
            var parse = Build(context).Parse(args);
            if (parse.Errors.Count > 0)
            {
                // One line: the first problem and where help is (the others usually follow from it).
                context.Error.WriteLine("escfw: " + parse.Errors[0].Message + " Run 'escfw " + string.Join(" ", CommandPath(parse.CommandResult)) + " --help' for usage.");
                return ExitCodes.UsageError;
            }
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                ConsoleCancelEventHandler onCancel = (_, e) =>
                {
                    // Every Ctrl+C stops the work but lets sessions close and update mode be exited: the process is never
                    // ended by it. Each is answered at once with what the stop waits for.
                    e.Cancel = true;
                    Stop(context, stop);
                };
                Console.CancelKeyPress += onCancel;
                using var fromCaller = cancellationToken.Register(() => Stop(context, stop));
                try
                {
                    return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false }, stop.Token).ConfigureAwait(false);
                }
                catch (UsageException usage)
                {
                    context.Error.WriteLine("escfw: " + usage.Message);
                    return ExitCodes.UsageError;
                }
                finally
                {
                    Console.CancelKeyPress -= onCancel;
                }
            }
        }

        private static void Stop(CliContext context, CancellationTokenSource stop)
        {
            context.Stops.Acknowledge(context.Error.WriteLine);
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The verb has ended.
            }
        }

        private static System.Collections.Generic.IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult? command)
        {
            var names = new System.Collections.Generic.List<string>();
            for (var at = command; at != null && at.Parent != null; at = at.Parent as System.CommandLine.Parsing.CommandResult) names.Insert(0, at.Command.Name);
            return names;
        }

        internal static bool Any<T>(System.Collections.Generic.IEnumerable<T> items) => items.Any();
    }
}
