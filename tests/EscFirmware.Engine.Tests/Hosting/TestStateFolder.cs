using System;
using System.IO;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>
    /// Points the module's state folder (journals, locks, audit log; ESCFW_STATE_DIR) at a folder of this test process,
    /// so hosted runs never touch the user's own journals and audit log (locks are per user, whatever the state folder:
    /// fake BMCs listen on ports of their own, so their lock files never meet).
    /// </summary>
    internal static class TestStateFolder
    {
        private static readonly Lazy<string> Folder = new Lazy<string>(() =>
        {
            var folder = Path.Combine(Path.GetTempPath(), "escfw-engine-state-" + Environment.ProcessId);
            Directory.CreateDirectory(folder);
            Environment.SetEnvironmentVariable("ESCFW_STATE_DIR", folder);
            return folder;
        });

        public static string Root => Folder.Value;

        /// <summary>The journal folder of runs that pass no journal path.</summary>
        public static string Journals => Path.Combine(Folder.Value, "journal");
    }
}
