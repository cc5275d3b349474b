using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Engine.Tests.Fakes
{
    /// <summary>What a fake BMC and this machine's state folder are left with after a run (hpm-and-safety.md 5.7).</summary>
    internal static class FakeBmcAssert
    {
        /// <summary>Nothing was changed on the BMC: no mutating request, same firmware, no session left, not in update mode, no lock.</summary>
        public static void Untouched(FakeBmcServer server, string because)
        {
            Assert.True(server.RequestLog.Mutating.Count == 0,
                because + ": " + server.Address + " got " + string.Join(", ", server.RequestLog.Mutating.Select(e => e.Method + " " + e.Path)));
            Assert.Equal(server.Options.BmcVersion, server.State.BmcVersion);
            Assert.Equal(server.Options.BiosVersion, server.State.BiosVersion);
            LeftClean(server, journalFolder: null, because);
        }

        /// <summary>
        /// No Redfish or web session left open, the BMC out of firmware-update mode, the per-BMC lock free and, when a
        /// journal folder is given, the BMC's journal finished and without the rescue session's handle.
        /// </summary>
        public static void LeftClean(FakeBmcServer server, string? journalFolder, string because)
        {
            Assert.True(server.State.ActiveRedfishSessions == 0, because + ": " + server.Address + " has " + server.State.ActiveRedfishSessions + " Redfish sessions open");
            Assert.True(server.State.ActiveWebSessions == 0, because + ": " + server.Address + " has " + server.State.ActiveWebSessions + " web sessions open");
            Assert.True(server.State.UpdateModeId == null, because + ": " + server.Address + " is still in firmware-update mode (FWUPDATEID " + server.State.UpdateModeId + ")");
            Assert.Empty(server.State.HpmWizard.Violations);
            var lockFile = Path.Combine(TestStateFolder.Locks, FileNameOf(server) + ".lock");
            Assert.False(File.Exists(lockFile), because + ": the lock " + lockFile + " is still held");
            if (journalFolder == null) return;
            var journal = Path.Combine(journalFolder, FileNameOf(server) + ".json");
            if (!File.Exists(journal)) return;
            using var entry = JsonDocument.Parse(File.ReadAllText(journal));
            var root = entry.RootElement;
            Assert.True(root.TryGetProperty("Outcome", out var outcome) && outcome.ValueKind == JsonValueKind.String,
                because + ": the journal " + journal + " was never finished:\n" + root);
            Assert.False(root.GetProperty("InUpdateMode").GetBoolean(), because + ": the journal still says update mode");
            Assert.True(!root.TryGetProperty("RescueSession", out var rescue) || rescue.ValueKind == JsonValueKind.Null,
                because + ": the journal still holds the rescue session");
        }

        /// <summary>Waits (bounded) for a simulated reboot or flash the run started to end, so the state can be read.</summary>
        public static async Task SettledAsync(FakeBmcServer server, TimeSpan limit)
        {
            var deadline = DateTime.UtcNow + limit;
            while (DateTime.UtcNow < deadline && (server.State.IsDown || server.State.RedfishUpdate.IsUpdating))
            {
                await Task.Delay(50);
            }
            await server.WhenUpAsync().WaitAsync(limit);
        }

        /// <summary>The state folder's file name for a BMC (StateFolder.FileNameFor): "127.0.0.1_PORT".</summary>
        private static string FileNameOf(FakeBmcServer server) => "127.0.0.1_" + server.Port;
    }
}
