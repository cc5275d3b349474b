using System.CommandLine;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw update</c>: the firmware-update verbs, one subcommand per component.</summary>
    internal static class UpdateCommand
    {
        public static Command Create(CliContext context)
        {
            var command = new Command("update", "Update firmware on ESC servers (Invoke-EscBmcUpdate and kin).");
            command.Subcommands.Add(UpdateBmcCommand.Create(context));
            return command;
        }
    }
}
