using System;
using System.CommandLine;

namespace EscFirmware.Cli.Commands
{
    /// <summary>
    /// --whatif and --yes, the twins of -WhatIf and -Confirm:$false. Without either, escfw asks on a terminal and refuses
    /// to run without one, because a flash nobody confirmed must not happen.
    /// </summary>
    internal sealed class ConfirmationOptions
    {
        public Option<bool> WhatIf { get; } = new Option<bool>("--whatif") { Description = "Show the plan per host: read-only checks, no write anywhere." };
        public Option<bool> Yes { get; } = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (runbooks, scripts)." };

        public void AddTo(Command command)
        {
            command.Options.Add(WhatIf);
            command.Options.Add(Yes);
        }

        public bool IsWhatIf(ParseResult parse) => parse.GetValue(WhatIf);

        /// <summary>True with --yes: nothing will be asked, so the live view may hold the screen.</summary>
        public bool IsUnattended(ParseResult parse) => parse.GetValue(Yes);

        /// <summary>The ShouldProcess answer for this run; throws a usage error when nobody could confirm.</summary>
        public Func<string, string, bool> Policy(ParseResult parse, CliContext context)
        {
            if (parse.GetValue(WhatIf))
            {
                if (parse.GetValue(Yes)) throw new UsageException("--whatif and --yes exclude each other.");
                return (target, action) =>
                {
                    context.Error.WriteLine("What if: " + target + ": " + action);
                    return false;
                };
            }
            if (parse.GetValue(Yes)) return (_, __) => true;
            if (!context.IsTerminal) throw new UsageException("this changes firmware and there is no terminal to confirm it: pass --yes to proceed or --whatif to see the plan.");
            return (target, action) =>
            {
                context.Error.Write(target + ": " + action + "\nProceed? [y/N] ");
                var answer = context.In.ReadLine();
                return answer != null && answer.Trim().StartsWith("y", StringComparison.OrdinalIgnoreCase);
            };
        }
    }
}
