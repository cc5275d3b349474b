using System.Threading.Tasks;

namespace EscFirmware.Cli
{
    internal static class Program
    {
        private static Task<int> Main(string[] args) => EscfwApp.RunAsync(args, CliContext.FromConsole());
    }
}
