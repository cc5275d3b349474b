using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Sessions;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Foundation;

/// <summary>
/// A version read costs the fewest requests the service allows, proven from the fake's request log: HTTP Basic (no
/// login, no logout), the fixed collection URIs (no service root), members expanded in place where the service has
/// <c>$expand</c>, all over one kept-alive TLS connection.
/// </summary>
public sealed class FewestRequestsTests
{
    private const string Managers = "/redfish/v1/Managers";
    private const string Systems = "/redfish/v1/Systems";
    private const string UpdateService = "/redfish/v1/UpdateService";
    private const string Expand = "$expand=.($levels=1)";

    [Fact]
    public async Task With_expand_a_version_read_sends_three_basic_requests_over_one_connection()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { ExpandQuery = ExpandQuery.Supported });
        var sink = new RecordingSink();

        new FirmwareVersionReport(FakeTargets.Request(server)).Run(sink, CancellationToken.None);

        AssertRead(server, sink);
        var log = server.RequestLog.Entries;
        Assert.Equal(new[] { Managers, Systems, UpdateService }, log.Select(e => e.Path));
        Assert.Equal(new[] { "?" + Expand, "?" + Expand, "" }, log.Select(e => Uri.UnescapeDataString(e.Query)));
        Assert.All(log, e => Assert.Equal((200, RequestAuth.Basic), (e.StatusCode, e.Auth)));
        Assert.Single(log.Select(e => e.ConnectionId).Distinct());
        Assert.Contains(sink.Verbose, v => v == server.Address + ": 3 requests, HTTP Basic, collections expanded in place ($expand)");
    }

    [Fact]
    public async Task Without_expand_a_version_read_sends_five_requests_and_asks_to_expand_only_once()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { ExpandQuery = ExpandQuery.Ignored });
        var sink = new RecordingSink();

        new FirmwareVersionReport(FakeTargets.Request(server)).Run(sink, CancellationToken.None);

        AssertRead(server, sink);
        var log = server.RequestLog.Entries;
        Assert.Equal(new[] { Managers, Managers + "/BMC_0", Systems, Systems + "/System_0", UpdateService }, log.Select(e => e.Path));
        // The first collection's answer showed the service does not expand: the second is not asked to.
        Assert.Equal(new[] { "?" + Expand, "", "", "", "" }, log.Select(e => Uri.UnescapeDataString(e.Query)));
        Assert.All(log, e => Assert.Equal(RequestAuth.Basic, e.Auth));
        Assert.Single(log.Select(e => e.ConnectionId).Distinct());
        Assert.Contains(sink.Verbose, v => v == server.Address + ": 5 requests, HTTP Basic, no $expand");
    }

    [Fact]
    public async Task A_service_that_refuses_expand_costs_one_request_once_per_host_per_run()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { ExpandQuery = ExpandQuery.Rejected });
        var request = FakeTargets.Request(server);
        var target = request.Targets.Single();

        var first = await new FirmwareVersionReport(request).ReadAsync(target, new RecordingSink(), CancellationToken.None);
        var refused = server.RequestLog.Entries;
        server.RequestLog.Clear();
        var second = await new FirmwareVersionReport(request).ReadAsync(target, new RecordingSink(), CancellationToken.None);

        Assert.Equal(server.State.BmcVersion, first.BmcVersion);
        Assert.Equal(server.State.BiosVersion, second.BiosVersion);
        Assert.Equal(6, refused.Count);
        Assert.Equal((Managers, 501), (refused[0].Path, refused[0].StatusCode));
        Assert.Equal(1, refused.Count(e => e.Query.Length > 0));
        // Learned for this host for the rest of the run: the next read asks plainly.
        Assert.Equal(5, server.RequestLog.Entries.Count);
        Assert.All(server.RequestLog.Entries, e => Assert.Equal(("", 200), (e.Query, e.StatusCode)));
    }

    [Fact]
    public async Task A_session_when_asked_for_costs_a_login_and_a_logout_and_is_closed()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { ExpandQuery = ExpandQuery.Supported });
        var request = FakeTargets.Request(server);
        request.ReadAuthentication = RedfishAuthentication.Session;
        var sink = new RecordingSink();

        new FirmwareVersionReport(request).Run(sink, CancellationToken.None);

        AssertRead(server, sink);
        var log = server.RequestLog.Entries;
        Assert.Equal(new[] { "POST", "GET", "GET", "GET", "DELETE" }, log.Select(e => e.Method));
        Assert.All(log.Skip(1), e => Assert.Equal(RequestAuth.Token, e.Auth));
        Assert.Contains(sink.Verbose, v => v == server.Address + ": 5 requests, a Redfish session, collections expanded in place ($expand)");
    }

    [Fact]
    public async Task A_service_that_refuses_basic_gets_a_session_which_is_closed()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions { ExpandQuery = ExpandQuery.Supported, BasicAuth = false });
        var sink = new RecordingSink();

        new FirmwareVersionReport(FakeTargets.Request(server)).Run(sink, CancellationToken.None);

        AssertRead(server, sink);
        var log = server.RequestLog.Entries;
        Assert.Equal((401, RequestAuth.None), (log[0].StatusCode, log[0].Auth));
        Assert.Equal(new[] { "GET", "POST", "GET", "GET", "GET", "DELETE" }, log.Select(e => e.Method));
        Assert.All(log.Skip(2).Take(3), e => Assert.Equal((200, RequestAuth.Token), (e.StatusCode, e.Auth)));
        Assert.Contains(sink.Verbose, v => v.StartsWith(server.Address + ": 6 requests, a Redfish session (the service refused HTTP Basic)", StringComparison.Ordinal));
    }

    private static void AssertRead(FakeBmcServer server, RecordingSink sink)
    {
        Assert.Empty(sink.Errors);
        var result = Assert.Single(sink.OfType<EscFirmwareVersion>());
        Assert.Equal(server.State.BmcVersion, result.BmcVersion);
        Assert.Equal(server.State.BiosVersion, result.BiosVersion);
        Assert.Equal("ESC8000-E12P", result.Model);
        Assert.Equal("On", result.PowerState);
        Assert.Equal(server.State.BmcImage1Version, result.BmcImage1Version);
        Assert.Equal(0, server.State.ActiveRedfishSessions);
        Assert.DoesNotContain(server.RequestLog.Entries, e => e.Path.TrimEnd('/') == "/redfish/v1" || e.Path.EndsWith("/Self", StringComparison.OrdinalIgnoreCase));
    }
}
