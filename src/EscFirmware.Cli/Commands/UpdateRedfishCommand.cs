using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Generic;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw update redfish</c>: the twin of Invoke-EscRedfishUpdate.</summary>
    internal static class UpdateRedfishCommand
    {
        public static Command Create(CliContext context)
        {
            var options = new BmcOptions();
            var confirmation = new ConfirmationOptions();
            var component = new Option<string>("--component") { Description = "bmc or bios: which firmware the image is for.", Required = true };
            component.AcceptOnlyFromAmong("bmc", "bios");
            var path = new Option<string?>("--path") { Description = "The image file, pushed to the BMC (streamed)." };
            var imageUri = new Option<string?>("--image-uri") { Description = "An http(s) URI the BMC fetches the image from (SimpleUpdate)." };
            var applyTime = new Option<string>("--apply-time") { Description = "Immediate, or OnReset to stage the image until you reset yourself.", DefaultValueFactory = _ => "Immediate" };
            applyTime.AcceptOnlyFromAmong("Immediate", "OnReset");
            var expected = new Option<string?>("--expected-version") { Description = "The version the inventory must show afterwards (else any change counts)." };
            var restartHost = new Option<bool>("--restart-host") { Description = "Restart the host when a BIOS update needs it to activate." };
            var pollInterval = new Option<int>("--poll-interval-sec") { Description = "Seconds between polls of the task and the inventory.", DefaultValueFactory = _ => 5 };
            var taskTimeout = new Option<int>("--task-timeout-sec") { Description = "How long the BMC's update task may run, in seconds.", DefaultValueFactory = _ => 2400 };
            var verifyTimeout = new Option<int>("--verify-timeout-sec") { Description = "How long the inventory may take to show the new version, in seconds.", DefaultValueFactory = _ => 900 };
            var uploadTimeout = new Option<int>("--upload-timeout-sec") { Description = "How long the image upload may take, in seconds.", DefaultValueFactory = _ => 1800 };
            var command = new Command("redfish", "Update BMC or BIOS firmware of a non-AMI DMTF Redfish BMC: push or SimpleUpdate, task, reset if asked, verified by inventory (Invoke-EscRedfishUpdate).");
            options.AddTo(command);
            confirmation.AddTo(command);
            foreach (var option in new Option[] { component, path, imageUri, applyTime, expected, restartHost, pollInterval, taskTimeout, verifyTimeout, uploadTimeout }) command.Options.Add(option);
            command.SetAction((parse, cancellationToken) =>
            {
                var file = parse.GetValue(path);
                var uri = parse.GetValue(imageUri);
                if ((file == null) == (uri == null)) throw new UsageException("give exactly one of --path and --image-uri.");
                if (uri != null && (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)))
                {
                    throw new UsageException("--image-uri must be an absolute http:// or https:// URI.");
                }
                var confirm = confirmation.Policy(parse, context);
                var update = new GenericUpdateOptions
                {
                    Component = parse.GetValue(component) == "bios" ? FirmwareComponent.Bios : FirmwareComponent.Bmc,
                    ImagePath = file == null ? null : Path.GetFullPath(file),
                    ImageUri = uri,
                    ApplyTime = parse.GetValue(applyTime)!,
                    ExpectedVersion = parse.GetValue(expected),
                    RestartHost = parse.GetValue(restartHost),
                    WhatIf = confirmation.IsWhatIf(parse),
                    Settings = GenericUpdateSettings.FromSeconds(
                        Bounds.Check(parse.GetValue(pollInterval), "--poll-interval-sec", 1, 600),
                        Bounds.Check(parse.GetValue(taskTimeout), "--task-timeout-sec", 30, 14400),
                        Bounds.Check(parse.GetValue(verifyTimeout), "--verify-timeout-sec", 10, 7200),
                        Bounds.Check(parse.GetValue(uploadTimeout), "--upload-timeout-sec", 30, 14400)),
                };
                var request = options.BuildRequest(parse, context);
                var json = parse.GetValue(options.Json);
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose), confirm);
                LiveRun.Run(context, sink, !json && confirmation.IsUnattended(parse), () => new GenericUpdateOperation(request, update).Run(sink, cancellationToken));
                UpdateBmcCommand.Output.Write(context, sink, json, request.Hosts());
                var failed = sink.Objects.OfType<EscFirmwareUpdateResult>().Any(r => r.Status == UpdateStatus.Failed);
                return Task.FromResult(failed ? ExitCodes.SomeTargetFailed : sink.ExitCode);
            });
            return command;
        }
    }
}
