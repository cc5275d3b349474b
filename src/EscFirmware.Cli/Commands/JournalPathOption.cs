using System.CommandLine;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>--journal-path</c>, the twin of -JournalPath: where the per-BMC update journals are.</summary>
    internal static class JournalPathOption
    {
        public static Option<string?> Create() => new Option<string?>("--journal-path")
        {
            Description = "The folder of the per-BMC update journals (default: the 'journal' folder under the EscFirmware state folder; ESCFW_STATE_DIR moves that).",
        };
    }
}
