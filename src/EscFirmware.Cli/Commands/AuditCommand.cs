using System;
using System.CommandLine;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Audit;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw audit</c>: the twin of Get-EscFirmwareAudit.</summary>
    internal static class AuditCommand
    {
        public static readonly VerbOutput Output = new VerbOutput(
            new JsonShape(new[] { "Time", "RunId", "Operator", "ComputerName", "Event", "Component", "ImageSha256", "FromVersion", "ToVersion", "Phase", "PreviousPhaseSeconds", "Status", "Message" }),
            new[] { "Time", "ComputerName", "Event", "Component", "Phase", "Status", "Message" });

        public static Command Create(CliContext context)
        {
            var path = new Option<string?>("--audit-path") { Description = "The audit log (default: audit.jsonl in the state folder)." };
            var servers = new Option<string[]>("--bmc") { Description = "Only records about these servers (wildcards * and ?).", AllowMultipleArgumentsPerToken = true };
            var after = TimeOption.Create("--after", "Only records at or after this time");
            var before = TimeOption.Create("--before", "Only records at or before this time");
            var status = new Option<string[]>("--status") { Description = "Only records with these statuses.", AllowMultipleArgumentsPerToken = true };
            var runId = new Option<string?>("--run-id") { Description = "Only the records of one run." };
            var json = new Option<bool>("--json") { Description = "Print the records as one JSON array." };
            var command = new Command("audit", "Read the firmware audit log back, filtered (Get-EscFirmwareAudit).");
            foreach (var option in new Option[] { path, servers, after, before, status, runId, json }) command.Options.Add(option);
            command.SetAction((parse, cancellationToken) =>
            {
                var query = new AuditQuery
                {
                    ComputerNames = parse.GetValue(servers) ?? Array.Empty<string>(),
                    After = parse.GetValue(after),
                    Before = parse.GetValue(before),
                    Statuses = parse.GetValue(status) ?? Array.Empty<string>(),
                    RunId = parse.GetValue(runId),
                };
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose));
                new ReadAuditOperation(parse.GetValue(path), query).Run(sink, cancellationToken);
                Output.Write(context, sink, parse.GetValue(json));
                return Task.FromResult(sink.ExitCode);
            });
            return command;
        }
    }
}
