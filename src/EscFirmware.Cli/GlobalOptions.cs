using System.CommandLine;

namespace EscFirmware.Cli
{
    /// <summary>Options every verb understands.</summary>
    internal static class GlobalOptions
    {
        public static readonly Option<bool> Verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Print each step (the cmdlets' verbose stream) to standard error.",
            Recursive = true,
        };
    }
}
