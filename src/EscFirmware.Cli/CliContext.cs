using System;
using System.IO;
using Spectre.Console;

namespace EscFirmware.Cli
{
    /// <summary>The process's streams and environment, injectable so tests run escfw in-process.</summary>
    public sealed class CliContext
    {
        public CliContext(TextWriter output, TextWriter error, TextReader input, Func<string, string?> environment, bool isTerminal, IAnsiConsole? terminal = null)
        {
            Out = output;
            Error = error;
            In = input;
            Environment = environment;
            IsTerminal = isTerminal;
            Terminal = isTerminal ? terminal : null;
        }

        public TextWriter Out { get; }
        public TextWriter Error { get; }
        public TextReader In { get; }
        public Func<string, string?> Environment { get; }

        /// <summary>True when a person sits at the other end: prompts and live progress are allowed.</summary>
        public bool IsTerminal { get; }

        /// <summary>The terminal as a Spectre console (writing to <see cref="Out"/>): live view and tables sized to it. Null when redirected.</summary>
        public IAnsiConsole? Terminal { get; }

        /// <summary>What a Ctrl+C means for the running verb (its sink keeps it informed).</summary>
        internal Output.StopNotice Stops { get; } = new Output.StopNotice();

        public static CliContext FromConsole()
        {
            var isTerminal = !Console.IsInputRedirected && !Console.IsOutputRedirected;
            return new CliContext(Console.Out, Console.Error, Console.In, System.Environment.GetEnvironmentVariable, isTerminal, isTerminal ? AnsiConsole.Console : null);
        }
    }
}
