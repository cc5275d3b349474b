using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>
    /// -ThrottleLimit: 0 and above 256 refused by the binder; above 64 refused for cmdlets that change BMCs; both before
    /// any request. And the bound actually bounds.
    /// </summary>
    public sealed class ThrottleLimitTests
    {
        private const string Binder = "ParameterArgumentValidationError,";

        public static IEnumerable<object[]> Refusals()
        {
            var readOnly = new[] { "Get-EscFirmwareVersion", "Get-EscBmcState" };
            var changing = new[] { "Invoke-EscBmcUpdate -Path $image -WhatIf", "Invoke-EscBiosUpdate -Path $image -WhatIf", "Invoke-EscFirmwareUpgrade -BmcImage $image -WhatIf", "Exit-EscUpdateMode -WhatIf" };
            foreach (var command in readOnly.Concat(changing)) yield return new object[] { command, 0, Binder };
            foreach (var command in readOnly) yield return new object[] { command, 257, Binder };
            foreach (var command in changing) yield return new object[] { command, 65, "EscThrottleLimitTooHigh," };
        }

        [Theory]
        [MemberData(nameof(Refusals))]
        public async Task An_out_of_bounds_throttle_limit_is_refused_before_any_request(string command, int limit, string errorId)
        {
            using var images = new ImageFolder();
            await using var fakes = await FakeBmcs.StartAsync();
            using var session = ModuleSession.Start();
            var result = session.RunAgainst(fakes, "$bmcs | " + command + " @pinned -ThrottleLimit $limit",
                new Dictionary<string, object> { ["limit"] = limit, ["image"] = images.BmcImage });
            var error = Assert.Single(result.AllErrors);
            Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
            Assert.Contains("ThrottleLimit", error.Exception.Message);
            Assert.Empty(fakes.First.RequestLog.Entries);
        }

        /// <summary>With -ThrottleLimit 1 the second BMC sees its first request only after the first BMC saw its last.</summary>
        [Fact]
        public async Task Throttle_limit_1_works_on_one_BMC_at_a_time_and_64_on_all_at_once()
        {
            await using var fakes = await FakeBmcs.StartAsync(3, o => o with { ResponseLatency = System.TimeSpan.FromMilliseconds(100) });
            using var session = ModuleSession.Start();
            var serial = session.RunAgainst(fakes, "$bmcs | Get-EscFirmwareVersion @pinned -ThrottleLimit 1");
            Assert.True(serial.Errors.Count == 0 && serial.Terminating == null, serial.Describe());
            Assert.Equal(3, serial.Output.Count);
            var windows = fakes.Servers.Select(s => (First: s.RequestLog.Entries.Min(e => e.Time), Last: s.RequestLog.Entries.Max(e => e.Time))).OrderBy(w => w.First).ToList();
            for (var i = 1; i < windows.Count; i++) Assert.True(windows[i].First >= windows[i - 1].Last, "two BMCs were read at once with -ThrottleLimit 1");

            foreach (var server in fakes.Servers) server.RequestLog.Clear();
            var parallel = session.RunAgainst(fakes, "$bmcs | Get-EscFirmwareVersion @pinned -ThrottleLimit 64");
            Assert.True(parallel.Errors.Count == 0 && parallel.Terminating == null, parallel.Describe());
            Assert.Equal(3, parallel.Output.Count);
            var starts = fakes.Servers.Select(s => s.RequestLog.Entries.Min(e => e.Time)).ToList();
            var ends = fakes.Servers.Select(s => s.RequestLog.Entries.Max(e => e.Time)).ToList();
            Assert.True(starts.Max() < ends.Min(), "with -ThrottleLimit 64 the three BMCs were not read at the same time");
        }
    }
}
