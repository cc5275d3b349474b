using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;

namespace EscFirmware.Engine.Tests.Fakes
{
    /// <summary>
    /// What a BIOS update killed mid-wizard leaves behind: a BMC latched in firmware-update mode with a staged upload and
    /// a surviving rescue web session, and on this machine the update journal that holds that session's handle.
    /// </summary>
    internal static class LatchedBmc
    {
        public const int FwUpdateId = 17;
        private const int BiosComponent = 4;
        private const long StagedLength = 32 * 1024 * 1024;

        public static Task<FakeBmcs> StartAsync() => FakeBmcs.StartAsync(1, Latched);

        /// <summary>A fake's options as that killed run left it: host off, in update mode, a BIOS upload staged, the rescue session alive.</summary>
        public static FakeBmcOptions Latched(FakeBmcOptions options) => options with
        {
            PowerState = PowerState.Off,
            Start = new FakeBmcStartState { RescueSession = true, UpdateModeId = FwUpdateId, StagedComponentId = BiosComponent, StagedDataLength = StagedLength },
        };

        /// <summary>The journal file the killed process wrote (the format on disk is what Exit-EscUpdateMode reads back).</summary>
        public static void WriteJournal(FakeBmcServer server, string journalFolder)
        {
            var rescue = server.State.Recovery.RescueSession ?? throw new InvalidOperationException("The fake has no rescue session.");
            var started = DateTimeOffset.UtcNow.AddMinutes(-10);
            var entry = new
            {
                ComputerName = server.Address,
                Operation = "Invoke-EscBiosUpdate",
                Component = "Bios",
                ImagePath = "/images/Z14PG-D32-ASUS-0804.HPM",
                FromVersion = "0603",
                ToVersion = "0804",
                Phase = "Uploaded",
                StartedAt = started,
                PhaseSince = started,
                MachineName = Environment.MachineName,
                ProcessId = 999999,
                FwUpdateId,
                ComponentId = BiosComponent,
                ComponentDataLength = StagedLength,
                InUpdateMode = true,
                UploadStaged = true,
                FlashSent = false,
                RescueSession = new { SessionCookie = rescue.Cookie, rescue.CsrfToken },
                History = new[] { new { Phase = "UpdateModeEntered", At = started, Note = (string?)("FWUPDATEID " + FwUpdateId) }, new { Phase = "Uploaded", At = started, Note = (string?)null } },
            };
            File.WriteAllText(Path.Combine(journalFolder, "127.0.0.1_" + server.Port + ".json"), JsonSerializer.Serialize(entry));
        }
    }
}
