using System.CommandLine;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw update</c>: the firmware-update verbs, one subcommand per component.</summary>
    internal static class UpdateCommand
    {
        public static Command Create(CliContext context)
        {
            var command = new Command("update", "Flash firmware: 'bmc' (Invoke-EscBmcUpdate), 'bios' (Invoke-EscBiosUpdate), 'redfish' for non-AMI Redfish BMCs (Invoke-EscRedfishUpdate).");
            command.Subcommands.Add(UpdateBmcCommand.Create(context));
            command.Subcommands.Add(UpdateBiosCommand.Create(context));
            command.Subcommands.Add(UpdateRedfishCommand.Create(context));
            return command;
        }
    }
}
