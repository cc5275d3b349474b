using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Tests.FakeBmc;

public sealed class FleetAndScenarioTests
{
    [Fact]
    public async Task FleetRunsIndependentBmcsOnDistinctPorts()
    {
        await using var fleet = await FakeBmcFleet.StartAsync(3, basePort: 0);
        fleet.Servers[1].State.BiosVersion = "0804";

        var versions = await Task.WhenAll(fleet.Servers.Select(async s =>
        {
            using var http = FakeBmcHttp.Client(s);
            return (string)(await (await http.GetBasicAsync(s, "/redfish/v1/Systems/System_0")).Json())["BiosVersion"]!;
        }));

        Assert.Equal(3, fleet.Servers.Select(s => s.Port).Distinct().Count());
        Assert.Equal(["0603", "0804", "0603"], versions);
        Assert.All(fleet.Servers, s => Assert.Single(s.RequestLog.Entries));
    }

    [Fact]
    public async Task MirrorPortsServeTheSameBmcEachOverItsOwnConnection()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { MirrorPorts = 2 });
        bmc.State.BiosVersion = "0804";

        var ports = bmc.MirrorPorts.Prepend(bmc.Port).ToList();
        foreach (var port in ports)
        {
            using var handler = new System.Net.Http.HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
            using var http = new System.Net.Http.HttpClient(handler);
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(bmc.Options.UserName + ":" + bmc.Options.Password)));
            var system = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync($"https://127.0.0.1:{port}/redfish/v1/Systems/System_0"))!;
            Assert.Equal("0804", (string?)system["BiosVersion"]);
        }

        Assert.Equal(3, ports.Distinct().Count());
        Assert.Equal(3, bmc.RequestLog.Entries.Select(e => e.ConnectionId).Distinct().Count());
    }

    [Fact]
    public async Task FleetUsesConsecutivePortsFromTheBasePort()
    {
        // A free base port can be taken by someone else before the fleet binds it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            var basePort = FreePort();
            try
            {
                await using var fleet = await FakeBmcFleet.StartAsync(3, basePort);
                Assert.Equal([basePort, basePort + 1, basePort + 2], fleet.Servers.Select(s => s.Port));
                return;
            }
            catch (IOException) when (attempt < 5)
            {
            }
        }
    }

    [Fact]
    public void ScenarioFileSetsOptions()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fakebmc-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {
              // comments are allowed
              "bmcVersion": "1.37.1",
              "BiosVersion": "0804",
              "PowerState": "Off",
              "UpdateServiceShape": "Nested",
              "MaxWebSessions": 148,
              "ResponseLatency": "00:00:00.050",
              "Timings": { "BmcRebootDuration": "00:00:01" },
              "Faults": { "SecondWebLoginEvictsFirst": true },
            }
            """);
        try
        {
            var options = FakeBmcOptions.FromScenarioFile(path);

            Assert.Equal("1.37.1", options.BmcVersion);
            Assert.Equal("0804", options.BiosVersion);
            Assert.Equal(PowerState.Off, options.PowerState);
            Assert.Equal(UpdateServiceShape.Nested, options.UpdateServiceShape);
            Assert.Equal(148, options.MaxWebSessions);
            Assert.Equal(TimeSpan.FromMilliseconds(50), options.ResponseLatency);
            Assert.Equal(TimeSpan.FromSeconds(1), options.Timings.BmcRebootDuration);
            Assert.True(options.Faults.SecondWebLoginEvictsFirst);
            Assert.Equal("admin", options.UserName);
            Assert.Equal("ESC8000-E12P", options.Model);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ScenarioWithAMisspelledSettingIsRefusedByName()
    {
        var error = Assert.Throws<System.Text.Json.JsonException>(() => FakeBmcOptions.FromScenarioJson("""{ "BiosVersoin": "0804" }"""));

        Assert.Contains("BiosVersoin", error.Message);
    }

    [Fact]
    public async Task ResponseLatencyDelaysEveryAnswer()
    {
        await using var bmc = await FakeBmcServer.StartAsync(new FakeBmcOptions { ResponseLatency = TimeSpan.FromMilliseconds(300) });
        using var http = FakeBmcHttp.Client(bmc);
        await http.GetAsync("/redfish/v1"); // TLS handshake outside the measurement

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await http.GetAsync("/redfish/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"answered in {clock.Elapsed}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
