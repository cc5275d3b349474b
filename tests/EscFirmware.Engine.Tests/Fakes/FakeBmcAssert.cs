using System;
using System.Linq;
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

        /// <summary>The BMC is safe (<see cref="BmcSafety.AssertSafe"/>); without a journal folder, the default one.</summary>
        public static void LeftClean(FakeBmcServer server, string? journalFolder, string because)
        {
            try
            {
                BmcSafety.AssertSafe(server, journalFolder ?? TestStateFolder.Journals);
            }
            catch (Xunit.Sdk.XunitException unsafeBmc)
            {
                throw new Xunit.Sdk.XunitException(because + ": " + server.Address + " is not safe: " + unsafeBmc.Message);
            }
        }
    }
}
