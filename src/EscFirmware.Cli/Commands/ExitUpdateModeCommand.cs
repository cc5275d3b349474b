using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Recovery;

namespace EscFirmware.Cli.Commands
{
    /// <summary>
    /// <c>escfw exit-update-mode</c>: the twin of Exit-EscUpdateMode. Asks before it writes (--yes for scripts, --whatif for
    /// the plan). Exit 0 when every BMC is out of update mode (or --whatif / declined); 1 when a host failed or is still
    /// locked (Impossible: the AC drain is the remedy; or the exit was not confirmed).
    /// </summary>
    internal static class ExitUpdateModeCommand
    {
        /// <summary>Status (the result's own): Succeeded only when the BMC is confirmed out of update mode; when it is not,
        /// Failed with the remedy as the error's next step.</summary>
        public static readonly VerbOutput Output = new VerbOutput(
            new JsonShape(new[] { "ComputerName", "FwUpdateId", "Status", "Action", "Recovered", "SessionUsed", "Message", "Remedy" },
                failure: item => item is EscUpdateModeExitResult r ? ("EscUpdateModeNotExited", r.Message, r.Remedy) : null),
            new[] { "ComputerName", "FwUpdateId", "Status", "Action", "Recovered", "SessionUsed" },
            new[] { "Message", "Remedy" });

        public static Command Create(CliContext context)
        {
            var options = new BmcOptions();
            var confirmation = new ConfirmationOptions();
            var journalPath = JournalPathOption.Create();
            var fwUpdateId = new Option<int?>("--fw-update-id") { Description = "The FWUPDATEID to exit (default: the one the journal recorded)." };
            var completeFlash = new Option<bool>("--complete-flash") { Description = "If an upload was staged but never flashed, finish the flash (host must be off) instead of discarding it." };
            var command = new Command("exit-update-mode", "Get a BMC out of firmware-update mode through a surviving web session (Exit-EscUpdateMode); says plainly when only an AC power drain can.");
            options.AddTo(command);
            confirmation.AddTo(command);
            command.Options.Add(fwUpdateId);
            command.Options.Add(completeFlash);
            command.Options.Add(journalPath);
            command.SetAction((parse, cancellationToken) =>
            {
                var request = options.BuildRequest(parse, context);
                var id = parse.GetValue(fwUpdateId);
                if (id.HasValue && id.Value < 0) throw new UsageException("--fw-update-id must not be negative.");
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose), confirmation.Policy(parse, context));
                new ExitUpdateModeOperation(request, new ExitUpdateModeOptions
                {
                    FwUpdateId = id,
                    CompleteFlash = parse.GetValue(completeFlash),
                    WhatIf = confirmation.IsWhatIf(parse),
                    Settings = new RecoverySettings { JournalPath = parse.GetValue(journalPath) },
                }).Run(sink, cancellationToken);
                Output.Write(context, sink, parse.GetValue(options.Json), request.Hosts());
                var stillLocked = sink.Objects.OfType<EscUpdateModeExitResult>().Any(r =>
                    !r.Recovered && r.Action != UpdateModeExitAction.WhatIf && r.Action != UpdateModeExitAction.Declined);
                return Task.FromResult(stillLocked ? ExitCodes.SomeTargetFailed : sink.ExitCode);
            });
            return command;
        }
    }
}
