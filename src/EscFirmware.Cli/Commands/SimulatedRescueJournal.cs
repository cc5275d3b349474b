using System.Collections.Generic;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.FakeBmc;
using EscFirmware.Core.Wording;

namespace EscFirmware.Cli.Commands
{
    /// <summary>
    /// For simulated BMCs started latched in update mode with a rescue session (scenarios/update-mode-locked-rescue-session.json,
    /// staged-not-flashed.json): writes the journal a killed BIOS update would have left, so that escfw state and
    /// escfw exit-update-mode can be tried by hand against them.
    /// </summary>
    internal static class SimulatedRescueJournal
    {
        private const int BiosComponent = 4;

        public static void Write(IReadOnlyList<FakeBmcServer> servers, string? journalPath, CliContext context)
        {
            foreach (var server in servers)
            {
                var handle = server.State.Recovery.RescueSession;
                if (handle == null || !(server.State.UpdateModeId is int id)) continue;
                var journal = new UpdateJournal(StateFolder.Journals(journalPath), BmcTarget.Parse(server.Address));
                var entry = journal.Begin(EscCommand.InvokeBiosUpdate.CmdletName, "Bios", null, null, server.Options.BiosVersion, server.Options.FlashedBiosVersion);
                journal.EnteredUpdateMode(entry, id, new AmiSessionHandle(handle.Cookie, handle.CsrfToken));
                var start = server.Options.Start;
                entry.ComponentId = start.StagedComponentId ?? BiosComponent;
                if (start.StagedComponentId.HasValue)
                {
                    entry.ComponentDataLength = start.StagedDataLength;
                    entry.UploadStaged = true;
                }
                journal.RecordPhase(entry, entry.UploadStaged ? "Uploaded" : "Uploading", "written by escfw simulate: a BIOS update killed in update mode");
                context.Out.WriteLine("  " + server.Address + ": journal of a killed BIOS update (rescue session, FWUPDATEID " + id + "): " + journal.FilePath);
            }
        }
    }
}
