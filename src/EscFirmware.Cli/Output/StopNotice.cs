using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using EscFirmware.Core.Operations;
using Spectre.Console;

namespace EscFirmware.Cli.Output
{
    /// <summary>
    /// What a Ctrl+C means right now, said at once: each running host's phase (from its progress records) decides whether
    /// the stop is immediate or waits for a step that must finish (a BIOS SPI write, leaving update mode). Every further
    /// Ctrl+C gets the same answer and changes nothing: the safety steps run to their end either way.
    /// </summary>
    internal sealed class StopNotice
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, (string Phase, int Percent, Stopwatch Since, bool Done)> _hosts = new Dictionary<string, (string, int, Stopwatch, bool)>(StringComparer.OrdinalIgnoreCase);
        private Action<string>? _say;

        /// <summary>Where the notice goes: the running verb's sink (above a live view, else standard error).</summary>
        public void Attach(Action<string> say)
        {
            lock (_gate) _say = say;
        }

        public void Track(OperationProgress progress)
        {
            if (progress.ParentActivityId < 0 || progress.Phase == null) return;
            lock (_gate)
            {
                var known = _hosts.TryGetValue(progress.Activity, out var host);
                var since = known && host.Phase == progress.Phase && !host.Done ? host.Since : Stopwatch.StartNew();
                _hosts[progress.Activity] = (progress.Phase, progress.PercentComplete, since, progress.Completed);
            }
        }

        /// <summary>Says what stopping means now: one line, or one per running host.</summary>
        public void Acknowledge(Action<string> fallback)
        {
            List<string> lines;
            Action<string> say;
            lock (_gate)
            {
                var running = _hosts.Where(h => !h.Value.Done).OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
                lines = running.Count == 0
                    ? new List<string> { "Stopping: no new work starts; closing sessions." }
                    : running.Select(h => "Stopping: " + (running.Count > 1 || _hosts.Count > 1 ? h.Key + ": " : string.Empty) + Words(h.Value.Phase, h.Value.Percent, h.Value.Since.Elapsed)).ToList();
                say = _say ?? fallback;
            }
            foreach (var line in lines) say(line);
        }

        /// <summary>The phases of the BIOS, BMC, generic Redfish and iLO workflows, in what a stop does during each.</summary>
        internal static string Words(string phase, int percent, TimeSpan inPhase)
        {
            switch (phase)
            {
                case "Flashing":
                    return "the BIOS write must finish first, " + Remaining(percent, inPhase) + "; leaving update mode after it — do not power off.";
                case "RescueSession":
                case "EnteringUpdateMode":
                case "Preparing":
                case "Uploading":
                case "FlashGate":
                    return "nothing is written to the BIOS; leaving update mode first, a few seconds — do not power off.";
                case "Verifying":
                case "Activating":
                    return "the BIOS is written; verify and activate are skipped; leaving update mode first, a few seconds — do not power off.";
                case "ExitingUpdateMode":
                    return "leaving update mode finishes first, a few seconds — do not power off.";
                case "PoweringOn":
                case "WaitingForPost":
                    return "the BIOS is written and update mode is left; no longer waiting for the host's POST.";
                case "ShuttingDown":
                    return "nothing is written; no longer waiting for the host to power off (a shutdown already sent goes on).";
                case "Upload":
                case "Push":
                    return "the image transfer is cut off; nothing is flashed; closing sessions.";
                case "Monitor":
                case "Task":
                    return "the BMC goes on flashing on its own — do not reset or power it off; escfw stops waiting.";
                case "RebootWait":
                case "Reset":
                    return "the BMC is restarting into the new firmware on its own — do not power it off; escfw stops waiting.";
                case "Verify":
                    return "the firmware is written; escfw stops checking the new version.";
                default:
                    return "nothing is flashed; closing sessions.";
            }
        }

        /// <summary>The rest of a write from its pace so far; said plainly when there is no pace yet.</summary>
        private static string Remaining(int percent, TimeSpan inPhase)
        {
            if (percent <= 0 || percent >= 100 || inPhase <= TimeSpan.Zero) return "it has just started";
            var left = Math.Max(1, Math.Ceiling(inPhase.TotalSeconds * (100 - percent) / percent));
            return "about " + left.ToString(CultureInfo.InvariantCulture) + " s (" + percent.ToString(CultureInfo.InvariantCulture) + "% written)";
        }
    }
}
