using System;
using System.IO;
using System.Runtime.InteropServices;

namespace EscFirmware.Core.State
{
    /// <summary>
    /// Where EscFirmware keeps per-BMC journals, locks and the audit log: <c>%LOCALAPPDATA%\EscFirmware</c> on Windows,
    /// <c>$XDG_STATE_HOME/escfirmware</c> (else <c>~/.local/state/escfirmware</c>) elsewhere; <c>ESCFW_STATE_DIR</c> overrides both.
    /// </summary>
    public static class StateFolder
    {
        public const string OverrideVariable = "ESCFW_STATE_DIR";

        public static string Default
        {
            get
            {
                var overridden = Environment.GetEnvironmentVariable(OverrideVariable);
                if (!string.IsNullOrEmpty(overridden)) return overridden!;
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "EscFirmware");
                }
                var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
                var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "state") : xdg!, "escfirmware");
            }
        }

        /// <summary>
        /// The per-BMC lock files: one folder for every process of this user, whatever state folder (ESCFW_STATE_DIR,
        /// XDG_STATE_HOME) or journal path a run uses, so two runs of one BMC always meet the same lock.
        /// </summary>
        public static string Locks =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "EscFirmware", "locks")
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "escfirmware", "locks");

        /// <summary>The journal folder: the given override, else <c>journal</c> under the state folder.</summary>
        public static string Journals(string? overridePath) => string.IsNullOrEmpty(overridePath) ? Path.Combine(Default, "journal") : overridePath!;

        /// <summary>A file name for a BMC that is safe on every file system ("10.0.0.5_443", "bmc17.example_443").</summary>
        public static string FileNameFor(Targets.BmcTarget target)
        {
            var chars = target.Host.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (!char.IsLetterOrDigit(chars[i]) && chars[i] != '.' && chars[i] != '-') chars[i] = '_';
            }
            return new string(chars).ToLowerInvariant() + "_" + target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
