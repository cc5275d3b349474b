using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.Safety;

/// <summary>What "every BMC is safe" means after a stop: out of update mode, no session open, journal finished, lock free.</summary>
public static class SafetyAssert
{
    public static void Safe(FakeBmcServer server, UpdateJournal journal, bool journalExpected)
    {
        Assert.Empty(server.State.HpmWizard.Violations);
        Assert.Null(server.State.UpdateModeId);
        Assert.Equal(0, server.State.ActiveWebSessions);
        Assert.Equal(0, server.State.ActiveRedfishSessions);
        var entry = journal.Read();
        if (journalExpected) Assert.NotNull(entry);
        if (entry != null)
        {
            Assert.False(entry.IsOpen, "the journal was left open in phase " + entry.Phase);
            Assert.False(entry.InUpdateMode);
            Assert.Null(entry.RescueSession);
        }
        LockFree(journal.Target);
    }

    public static void LockFree(BmcTarget target)
    {
        using (BmcLock.Acquire(target, "a test checking the lock is free"))
        {
        }
    }
}
