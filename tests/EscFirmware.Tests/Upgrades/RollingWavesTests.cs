using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Upgrades;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Upgrades;

public sealed class RollingWavesTests
{
    private readonly ConcurrentQueue<string> _started = new();
    private readonly ConcurrentDictionary<string, string> _notStarted = new();

    /// <summary>Every server plans an upgrade; "started" means its approved plan began to execute.</summary>
    private void Run(RollingWaves waves, string[] servers, params string[] failing) =>
        waves.Run(servers, s => s, (server, sink, token) => Task.FromResult(Planned<string>.Ask("upgrade", async (executeSink, executeToken) =>
            {
                _started.Enqueue(server);
                await Task.Delay(5, executeToken);
                return failing.Contains(server) ? "failed" : "succeeded";
            }, _ => "declined")),
            outcome => outcome != "failed", (server, sink, reason) => _notStarted[server] = reason, new RecordingSink(), CancellationToken.None);

    [Fact]
    public void A_failed_canary_stops_everything_after_it()
    {
        var waves = new RollingWaves(throttleLimit: 4, canaryCount: 2, maxFailures: 10);
        string? stopped = null;
        waves.CanaryStopped += (_, reason) => stopped = reason;

        Run(waves, new[] { "c1", "c2", "s3", "s4", "s5" }, "c2");

        Assert.Equal(new[] { "c1", "c2" }, _started.OrderBy(s => s));
        Assert.Equal(new[] { "s3", "s4", "s5" }, _notStarted.Keys.OrderBy(s => s));
        Assert.Contains("canary", stopped);
        Assert.All(_notStarted.Values, reason => Assert.Contains("canary", reason));
    }

    [Fact]
    public void Canaries_all_finish_before_any_other_server_starts()
    {
        var waves = new RollingWaves(throttleLimit: 8, canaryCount: 3, maxFailures: 10);

        Run(waves, Enumerable.Range(1, 10).Select(i => "s" + i).ToArray());

        Assert.Equal(new[] { "s1", "s2", "s3" }, _started.Take(3).OrderBy(s => s));
        Assert.Equal(10, _started.Count);
        Assert.Empty(_notStarted);
    }

    [Fact]
    public void After_the_failure_budget_no_new_server_starts()
    {
        var waves = new RollingWaves(throttleLimit: 1, canaryCount: 0, maxFailures: 2);
        var exhausted = 0;
        waves.BudgetExhausted += (_, __) => exhausted++;

        Run(waves, new[] { "s1", "s2", "s3", "s4", "s5" }, "s2", "s3");

        Assert.Equal(new[] { "s1", "s2", "s3" }, _started.ToArray());
        Assert.Equal(new[] { "s4", "s5" }, _notStarted.Keys.OrderBy(s => s));
        Assert.Equal(1, exhausted);
        Assert.Equal(2, waves.Failures);
    }
}
