using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Foundation;

public sealed class VersionReportTests
{
    [Fact]
    public async Task Reads_every_bmc_of_a_fleet_through_collection_members()
    {
        await using var fleet = await FakeBmcFleet.StartAsync(3, 0);
        fleet.Servers[1].State.SetBmcImageVersion(2, "1.37.1");
        fleet.Servers[1].State.SetActiveBmcImage(2);
        var sink = new RecordingSink();

        new FirmwareVersionReport(FakeTargets.Request(fleet)).Run(sink, CancellationToken.None);

        Assert.Empty(sink.Errors);
        var results = sink.OfType<EscFirmwareVersion>().OrderBy(r => r.ComputerName).ToList();
        Assert.Equal(fleet.Servers.Select(s => s.Address).OrderBy(a => a), results.Select(r => r.ComputerName));
        foreach (var server in fleet.Servers)
        {
            var result = results.Single(r => r.ComputerName == server.Address);
            Assert.Equal(server.State.BmcVersion, result.BmcVersion);
            Assert.Equal(server.State.BiosVersion, result.BiosVersion);
            Assert.Equal("On", result.PowerState);
            Assert.Equal("ESC8000-E12P", result.Model);
            Assert.Equal(server.State.BmcImage1Version, result.BmcImage1Version);
            Assert.Equal(server.State.BmcImage2Version, result.BmcImage2Version);
            Assert.Equal(0, server.State.ActiveRedfishSessions);
            Assert.Equal(0, server.State.ActiveWebSessions);
            Assert.DoesNotContain(server.RequestLog.Paths, p => p.EndsWith("/Self", StringComparison.OrdinalIgnoreCase));
        }
        Assert.Equal("1.37.1", results.Single(r => r.ComputerName == fleet.Servers[1].Address).BmcVersion);
        Assert.True(sink.AllCallsOnPipelineThread);
        Assert.True(sink.Progress.Last().Completed);
    }

    [Fact]
    public async Task Reads_the_nested_update_information_shape()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { UpdateServiceShape = UpdateServiceShape.Nested });
        var sink = new RecordingSink();

        new FirmwareVersionReport(FakeTargets.Request(server)).Run(sink, CancellationToken.None);

        var result = Assert.Single(sink.OfType<EscFirmwareVersion>());
        Assert.Equal(server.State.BmcImage1Version, result.BmcImage1Version);
    }

    [Fact]
    public async Task A_wrong_password_fails_that_host_only_and_leaves_no_session()
    {
        await using var good = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        await using var other = await FakeBmcServer.StartAsync(new FakeBmcOptions { Password = "AnotherPassw0rd!" });
        var request = new BmcFleetRequest(new[] { FakeTargets.TargetOf(good), FakeTargets.TargetOf(other) },
            FakeTargets.CredentialOf(good), TlsPolicy.SkipCheck, FakeTargets.FastSettings());
        var sink = new RecordingSink();

        new FirmwareVersionReport(request).Run(sink, CancellationToken.None);

        Assert.Equal(good.Address, Assert.Single(sink.OfType<EscFirmwareVersion>()).ComputerName);
        var error = Assert.Single(sink.Errors);
        Assert.Equal("EscBmcAuthenticationFailed", error.ErrorId);
        Assert.Equal(ErrorKind.AuthenticationError, error.Kind);
        Assert.Equal(other.Address, error.Target);
        Assert.Equal(0, good.State.ActiveRedfishSessions + other.State.ActiveRedfishSessions);
        // The 401 challenged for Basic, so the password is wrong: one failed attempt, no session login on top.
        Assert.Equal(401, Assert.Single(other.RequestLog.Entries).StatusCode);
    }

    [Fact]
    public async Task Cancellation_mid_discovery_still_deletes_the_session()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { ResponseLatency = TimeSpan.FromMilliseconds(250) });
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        var request = FakeTargets.Request(server);
        request.ReadAuthentication = RedfishAuthentication.Session;

        new FirmwareVersionReport(request).Run(sink, stop.Token);

        Assert.Empty(sink.OfType<EscFirmwareVersion>());
        Assert.Equal("EscOperationStopped", Assert.Single(sink.Errors).ErrorId);
        Assert.Contains(server.RequestLog.Entries, e => e.Method == "POST" && e.Path.EndsWith("/Sessions", StringComparison.Ordinal));
        Assert.Contains(server.RequestLog.Entries, e => e.Method == "DELETE" && e.Path.Contains("/Sessions/", StringComparison.Ordinal));
        Assert.Equal(0, server.State.ActiveRedfishSessions);
    }

    [Fact]
    public void An_unreachable_bmc_is_a_connection_error_naming_the_host()
    {
        var port = FreePort();
        var request = new BmcFleetRequest(new[] { new BmcTarget("127.0.0.1", port) }, BmcCredential.FromPlainText("admin", "x"), TlsPolicy.SkipCheck, FakeTargets.FastSettings());
        var sink = new RecordingSink();

        new FirmwareVersionReport(request).Run(sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal("EscBmcUnreachable", error.ErrorId);
        Assert.Equal(ErrorKind.ConnectionError, error.Kind);
        Assert.Contains("127.0.0.1:" + port, error.Message);
        Assert.NotNull(error.RecommendedAction);
    }

    [Fact]
    public async Task Each_bmc_result_reaches_the_pipeline_as_soon_as_that_bmc_is_read()
    {
        await using var fast = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        await using var slow = await FakeBmcServer.StartAsync(new FakeBmcOptions { ResponseLatency = TimeSpan.FromSeconds(1) });
        var request = new BmcFleetRequest(new[] { FakeTargets.TargetOf(slow), FakeTargets.TargetOf(fast) }, FakeTargets.CredentialOf(fast), TlsPolicy.SkipCheck, FakeTargets.FastSettings());
        var delivered = new System.Collections.Concurrent.ConcurrentQueue<(string Host, DateTimeOffset At)>();
        var sink = new TimedSink(delivered);

        new FirmwareVersionReport(request).Run(sink, CancellationToken.None);

        Assert.Equal(new[] { fast.Address, slow.Address }, delivered.Select(d => d.Host));
        // The fast BMC's object was on the pipeline before the slow BMC had even been asked its last question.
        Assert.True(delivered.First().At < slow.RequestLog.Entries.Max(e => e.Time), "the fast BMC's result waited for the slow one");
    }

    private sealed class TimedSink(System.Collections.Concurrent.ConcurrentQueue<(string Host, DateTimeOffset At)> delivered) : IOperationSink
    {
        public void WriteObject(object item) => delivered.Enqueue((((EscFirmwareVersion)item).ComputerName, DateTimeOffset.UtcNow));
        public void WriteError(OperationError error) => throw new InvalidOperationException(error.Message);
        public void WriteWarning(string message) { }
        public void WriteVerbose(string message) { }
        public void WriteDebug(string message) { }
        public void WriteProgress(OperationProgress progress) { }
        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) => Task.FromResult(true);
    }

    [Fact]
    public async Task The_throttle_limit_bounds_concurrent_hosts()
    {
        await using var fleet = await FakeBmcFleet.StartAsync(4, 0, new FakeBmcOptions { ResponseLatency = TimeSpan.FromMilliseconds(50) });
        var sink = new RecordingSink();

        new FirmwareVersionReport(FakeTargets.Request(fleet, throttle: 1)).Run(sink, CancellationToken.None);

        Assert.Equal(4, sink.OfType<EscFirmwareVersion>().Count());
        // With one host at a time, the hosts' request windows never overlap.
        var windows = fleet.Servers.Select(s => (First: s.RequestLog.Entries.Min(e => e.Time), Last: s.RequestLog.Entries.Max(e => e.Time))).OrderBy(w => w.First).ToList();
        for (var i = 1; i < windows.Count; i++) Assert.True(windows[i].First >= windows[i - 1].Last, "hosts overlapped at throttle 1");
    }

    internal static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
