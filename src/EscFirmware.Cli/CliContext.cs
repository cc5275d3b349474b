using System;
using System.IO;

namespace EscFirmware.Cli
{
    /// <summary>The process's streams and environment, injectable so tests run escfw in-process.</summary>
    public sealed class CliContext
    {
        public CliContext(TextWriter output, TextWriter error, TextReader input, Func<string, string?> environment, bool isTerminal)
        {
            Out = output;
            Error = error;
            In = input;
            Environment = environment;
            IsTerminal = isTerminal;
        }

        public TextWriter Out { get; }
        public TextWriter Error { get; }
        public TextReader In { get; }
        public Func<string, string?> Environment { get; }

        /// <summary>True when a person sits at the other end: prompts and live progress are allowed.</summary>
        public bool IsTerminal { get; }

        public static CliContext FromConsole() =>
            new CliContext(Console.Out, Console.Error, Console.In, System.Environment.GetEnvironmentVariable,
                !Console.IsInputRedirected && !Console.IsOutputRedirected);
    }
}
