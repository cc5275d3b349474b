using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Bmc;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw update bmc</c>: the twin of Invoke-EscBmcUpdate.</summary>
    internal static class UpdateBmcCommand
    {
        public static readonly JsonShape Json = new JsonShape(new[]
        {
            "ComputerName", "Component", "FromVersion", "ToVersion", "Status", "Phase", "Duration", "HostPowerState", "TaskUri", "Message", "ErrorId",
        });
        public static readonly VerbOutput Output = new VerbOutput(Json,
            new[] { "ComputerName", "Component", "FromVersion", "ToVersion", "Status", "Phase", "Duration" },
            new[] { "Message" });

        public static Command Create(CliContext context)
        {
            var options = new BmcOptions();
            var confirmation = new ConfirmationOptions();
            var path = new Option<string>("--path") { Description = "The BMC image (.hpm from the ASMB package).", Required = true };
            var force = new Option<bool>("--force") { Description = "Reinstall the version that is already running." };
            var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Allow an image older than the running firmware." };
            var pollInterval = new Option<int>("--poll-interval-sec") { Description = "How often a running flash and a rebooting BMC are polled, in seconds.", DefaultValueFactory = _ => 15 };
            var rebootTimeout = new Option<int>("--reboot-timeout-sec") { Description = "How long the BMC may take to come back after the flash, in seconds.", DefaultValueFactory = _ => 1200 };
            var uploadTimeout = new Option<int>("--upload-timeout-sec") { Description = "How long the image upload may take, in seconds.", DefaultValueFactory = _ => 1800 };
            var command = new Command("bmc", "Update BMC firmware over Redfish with the configuration preserved; the host keeps running (Invoke-EscBmcUpdate).");
            options.AddTo(command);
            confirmation.AddTo(command);
            foreach (var option in new Option[] { path, force, allowDowngrade, pollInterval, rebootTimeout, uploadTimeout }) command.Options.Add(option);
            command.SetAction((parse, cancellationToken) =>
            {
                var confirm = confirmation.Policy(parse, context);
                var settings = BmcUpdateSettings.FromSeconds(
                    Bounds.Check(parse.GetValue(pollInterval), "--poll-interval-sec", 1, 600),
                    Bounds.Check(parse.GetValue(rebootTimeout), "--reboot-timeout-sec", 60, 7200),
                    Bounds.Check(parse.GetValue(uploadTimeout), "--upload-timeout-sec", 30, 14400));
                var request = options.BuildRequest(parse, context);
                var json = parse.GetValue(options.Json);
                var update = new BmcUpdateOptions(Path.GetFullPath(parse.GetValue(path)!))
                {
                    Force = parse.GetValue(force),
                    AllowDowngrade = parse.GetValue(allowDowngrade),
                    WhatIf = confirmation.IsWhatIf(parse),
                    Settings = settings,
                };
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose), confirm);
                LiveRun.Run(context, sink, !json && confirmation.IsUnattended(parse), () => new BmcUpdateOperation(request, update).Run(sink, cancellationToken));
                Output.Write(context, sink, json, request.Hosts());
                var failed = sink.Objects.OfType<EscFirmwareUpdateResult>().Any(r => r.Status == UpdateStatus.Failed);
                return Task.FromResult(failed ? ExitCodes.SomeTargetFailed : sink.ExitCode);
            });
            return command;
        }
    }
}
