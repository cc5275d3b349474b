using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>Waiting, on evidence, until a running script reaches the phase a test stops it in.</summary>
    internal static class PhaseWait
    {
        public static async Task WaitForAsync(this RunningScript running, Func<bool> reached)
        {
            var clock = Stopwatch.StartNew();
            while (!reached())
            {
                if (running.IsCompleted) Assert.Fail("the run ended before the phase to stop in:\n" + running.Wait(TimeSpan.FromSeconds(1)).Describe());
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the phase to stop in was never reached");
                await Task.Delay(20);
            }
        }
    }
}
