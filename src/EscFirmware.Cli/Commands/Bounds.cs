namespace EscFirmware.Cli.Commands
{
    /// <summary>Range checks of numeric options that System.CommandLine cannot express, as usage errors (exit code 2).</summary>
    internal static class Bounds
    {
        public static int Check(int value, string option, int min, int max)
        {
            if (value < min || value > max) throw new UsageException(option + " must be between " + min + " and " + max + ".");
            return value;
        }
    }
}
