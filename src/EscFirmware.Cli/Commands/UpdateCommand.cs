using System.CommandLine;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw update</c>: the parent of the flashing verbs.</summary>
    internal static class UpdateCommand
    {
        public static Command Create(CliContext context)
        {
            var command = new Command("update", "Flash firmware: 'bios' (Invoke-EscBiosUpdate).");
            command.Subcommands.Add(UpdateBiosCommand.Create(context));
            return command;
        }
    }
}
