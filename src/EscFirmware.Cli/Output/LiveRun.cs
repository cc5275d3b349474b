using System;
using Spectre.Console;

namespace EscFirmware.Cli.Output
{
    /// <summary>Runs a verb's work under the live view when a person watches an ANSI terminal and nothing needs asking.</summary>
    internal static class LiveRun
    {
        /// <param name="allowed">False for --json and whenever a prompt may come (a prompt cannot share the screen with the live region).</param>
        public static void Run(CliContext context, CliSink sink, bool allowed, Action work)
        {
            var terminal = context.Terminal;
            if (!allowed || terminal == null || !terminal.Profile.Capabilities.Ansi)
            {
                work();
                return;
            }
            var view = new LiveView(terminal);
            sink.Live = view;
            try
            {
                view.Run(work);
            }
            finally
            {
                sink.Live = null;
            }
        }
    }
}
