using System.CommandLine;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Recovery;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw state</c>: the twin of Get-EscBmcState. Exit 0 when every probe ran, whatever state it found (the
    /// JSON carries State per host); 1 only when a probe itself failed (for example a refused certificate).</summary>
    internal static class StateCommand
    {
        public static readonly VerbOutput Output = new VerbOutput(
            new JsonShape(new[] { "ComputerName", "State", "Recoverable", "FwUpdateId", "Remedy", "Evidence", "CheckedAt" }),
            new[] { "ComputerName", "State", "Recoverable", "FwUpdateId" },
            new[] { "Remedy" });

        public static Command Create(CliContext context)
        {
            var options = new BmcOptions(BmcFleetRequest.MaxReadThrottleLimit);
            var journalPath = JournalPathOption.Create();
            var command = new Command("state", "Say what state each BMC is in (Healthy, UpdateModeLocked, Rebooting, …), what that was concluded from, and what to do next (Get-EscBmcState). Read-only; leaves no session.");
            options.AddTo(command);
            command.Options.Add(journalPath);
            command.SetAction((parse, cancellationToken) =>
            {
                var request = options.BuildRequest(parse, context);
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose));
                new BmcStateReport(request, new RecoverySettings { JournalPath = parse.GetValue(journalPath) }).Run(sink, cancellationToken);
                Output.Write(context, sink, parse.GetValue(options.Json), request.Hosts());
                return Task.FromResult(sink.ExitCode);
            });
            return command;
        }
    }
}
