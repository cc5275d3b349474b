using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Engine.Tests.Fakes
{
    /// <summary>
    /// "This BMC is safe", read from outside the module: out of update mode, no web or Redfish session open, no safety
    /// violation, its journal (when one was written) finished, and its per-user lock file gone.
    /// </summary>
    internal static class BmcSafety
    {
        public static void AssertSafe(FakeBmcServer server, string journalFolder)
        {
            Assert.Empty(server.State.HpmWizard.Violations);
            Assert.Null(server.State.UpdateModeId);
            Assert.Equal(0, server.State.ActiveWebSessions);
            Assert.Equal(0, server.State.ActiveRedfishSessions);
            var journal = Path.Combine(journalFolder, FileNameOf(server) + ".json");
            if (File.Exists(journal))
            {
                using var document = JsonDocument.Parse(File.ReadAllText(journal));
                var root = document.RootElement;
                Assert.True(root.GetProperty("Outcome").ValueKind == JsonValueKind.String, "the journal was left open: " + root.GetProperty("Phase"));
                Assert.False(root.GetProperty("InUpdateMode").GetBoolean());
                Assert.Equal(JsonValueKind.Null, root.GetProperty("RescueSession").ValueKind);
            }
            Assert.False(File.Exists(LockOf(server)), "the lock is still held: " + LockOf(server));
        }

        public static bool JournalExists(FakeBmcServer server, string journalFolder) => File.Exists(Path.Combine(journalFolder, FileNameOf(server) + ".json"));

        /// <summary>Where the module keeps this BMC's lock: one folder per user, whatever the state folder.</summary>
        private static string LockOf(FakeBmcServer server)
        {
            var folder = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "EscFirmware", "locks")
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "escfirmware", "locks");
            return Path.Combine(folder, FileNameOf(server) + ".lock");
        }

        private static string FileNameOf(FakeBmcServer server)
        {
            var uri = new Uri("https://" + server.Address);
            return uri.Host.Replace(':', '_') + "_" + uri.Port;
        }
    }
}
