using System;
using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bios;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw update bios</c>: the twin of Invoke-EscBiosUpdate.</summary>
    internal static class UpdateBiosCommand
    {
        private static readonly VerbOutput Output = new VerbOutput(UpdateBmcCommand.Json,
            new[] { "ComputerName", "Component", "FromVersion", "ToVersion", "Status", "Phase", "Duration", "HostPowerState" },
            new[] { "Message" });

        public static Command Create(CliContext context)
        {
            var bmc = new BmcOptions();
            var confirm = new ConfirmationOptions();
            var path = new Option<string>("--path") { Description = "The BIOS .HPM file (for example Z14PG-D32-ASUS-0804.HPM).", Required = true };
            var shutdownHost = new Option<bool>("--shutdown-host") { Description = "Shut a running host down gracefully instead of refusing." };
            var forceOffAfter = new Option<int?>("--force-off-after-sec") { Description = "With --shutdown-host: ForceOff when the host is still on after this many seconds." };
            var powerOn = new Option<bool>("--power-on") { Description = "Power the host on afterwards and confirm the new BiosVersion after POST." };
            var postTimeout = new Option<int>("--post-timeout-sec") { Description = "How long the first POST may take, in seconds.", DefaultValueFactory = _ => 1200 };
            var pollInterval = new Option<int>("--poll-interval-sec") { Description = "Seconds between polls.", DefaultValueFactory = _ => 10 };
            var journalPath = new Option<string?>("--journal-path") { Description = "Folder for the per-BMC journals (default: the state folder's)." };
            var force = new Option<bool>("--force") { Description = "Reinstall the installed version." };
            var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Install an older version." };

            var command = new Command("bios", "Flash a BIOS .HPM through the BMC's HPM wizard with the host off (Invoke-EscBiosUpdate).");
            bmc.AddTo(command);
            confirm.AddTo(command);
            foreach (var option in new Option[] { path, shutdownHost, forceOffAfter, powerOn, postTimeout, pollInterval, journalPath, force, allowDowngrade })
            {
                command.Options.Add(option);
            }
            command.SetAction((parse, cancellationToken) =>
            {
                var forceOff = parse.GetValue(forceOffAfter);
                if (forceOff.HasValue) Bounds.Check(forceOff.Value, "--force-off-after-sec", 1, 3600);
                var post = Bounds.Check(parse.GetValue(postTimeout), "--post-timeout-sec", 10, 7200);
                var poll = Bounds.Check(parse.GetValue(pollInterval), "--poll-interval-sec", 1, 300);
                var policy = confirm.Policy(parse, context);
                var request = bmc.BuildRequest(parse, context);
                var options = new BiosUpdateOptions
                {
                    Path = System.IO.Path.GetFullPath(parse.GetValue(path)!),
                    Force = parse.GetValue(force),
                    AllowDowngrade = parse.GetValue(allowDowngrade),
                    ShutdownHost = parse.GetValue(shutdownHost),
                    PowerOn = parse.GetValue(powerOn),
                    JournalPath = parse.GetValue(journalPath),
                    WhatIf = confirm.IsWhatIf(parse),
                    Settings = BiosUpdateSettings.FromSeconds(poll, post, forceOff),
                };
                var json = parse.GetValue(bmc.Json);
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose), policy);
                LiveRun.Run(context, sink, !json && confirm.IsUnattended(parse), () => new BiosUpdateOperation(request, options).Run(sink, cancellationToken));
                Output.Write(context, sink, json, request.Hosts());
                var anyFailed = sink.Objects.OfType<EscFirmwareUpdateResult>().Any(r => r.Status == UpdateStatus.Failed);
                return Task.FromResult(anyFailed ? ExitCodes.SomeTargetFailed : sink.ExitCode);
            });
            return command;
        }
    }
}
