using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.Core.Audit;
using Xunit;

namespace EscFirmware.Tests.Upgrades.Paths;

/// <summary>
/// escfw upgrade in a child process, killed between the two steps of a path (the fake BMC holds the second upload
/// until the kill, so the kill lands between the flashes every time), then run again.
/// </summary>
public sealed class UpgradePathResumeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Killed_after_the_first_step_a_rerun_resumes_at_the_second_without_flashing_the_first_again()
    {
        await using var fixture = await PathUpgradeFixture.StartAsync(PathUpgradeFixture.Stepped(), PathUpgradeFixture.TwoStepsBehind());
        var server = fixture.Fleet.Servers[0];
        await fixture.SaveCatalogFileAsync();
        fixture.FillPackageCache();
        string[] args = ["upgrade", "--bmc", server.Address, "--certificate-thumbprint", server.CertificateSha256, "--model", "ESC8000-E12P", "--latest",
            "--catalog-path", fixture.CatalogFile, "--package-cache", fixture.PackageCache, "--journal-path", fixture.Fleet.JournalPath,
            "--audit-path", fixture.Fleet.AuditPath, "--poll-interval-sec", "1", "--yes", "--json"];
        server.State.RedfishUpdate.HoldUploadsAfter(1);

        using (var child = StartEscfw(args, server.Options.Password, fixture.PackageCache + ".state"))
        {
            var clock = Stopwatch.StartNew();
            while (server.State.RedfishUpdate.HeldUploads == 0 && !child.HasExited && clock.Elapsed < Bound) await Task.Delay(50);
            Assert.True(server.State.RedfishUpdate.HeldUploads == 1, "escfw never reached the second step's upload: " + (child.HasExited ? await child.StandardError.ReadToEndAsync() : "still running"));
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync().WaitAsync(Bound);
        }

        Assert.Equal(["1.29.1"], server.State.RedfishUpdate.AcceptedVersions);
        Assert.Equal("1.29.1", server.State.BmcVersion);
        var journal = JsonNode.Parse(File.ReadAllText(Directory.GetFiles(fixture.Fleet.JournalPath, "*.path.json").Single()))!;
        Assert.Equal(["1 1.29.1 Succeeded", "2 1.37.1 Running"], journal["Steps"]!.AsArray().Select(s => (int)s!["Index"]! + " " + (string?)s["ToVersion"] + " " + (string?)s["Outcome"]));

        server.State.RedfishUpdate.ReleaseUploads();
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? server.Options.Password : null, isTerminal: false);
        var code = await EscfwApp.RunAsync(args, context);

        Assert.True(code == ExitCodes.Success, error.ToString() + output);
        Assert.Equal(["1.29.1", "1.37.1"], server.State.RedfishUpdate.AcceptedVersions);
        Assert.Equal("1.37.1", server.State.BmcVersion);
        var results = Assert.Single(JsonNode.Parse(output.ToString())!.AsArray())!["Results"]!.AsArray();
        var resumed = Assert.Single(results);
        Assert.Equal(("2 of 2", "1.29.1", "1.37.1", "Succeeded"), ((string?)resumed!["Step"], (string?)resumed["FromVersion"], (string?)resumed["ToVersion"], (string?)resumed["Status"]));
        var steps = fixture.Audit().Where(r => r.Event == AuditEvent.ComponentFinished).Select(r => r.Step + " " + r.Status).ToList();
        Assert.Equal(["1 of 2 Succeeded", "2 of 2 Succeeded"], steps);
        Assert.Equal((0, 0), (server.State.ActiveRedfishSessions, server.State.ActiveWebSessions));
    }

    private static Process StartEscfw(string[] args, string password, string stateFolder)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "escfw.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ESC_BMC_PASSWORD"] = password;
        start.Environment["ESCFW_STATE_DIR"] = stateFolder;
        var child = Process.Start(start)!;
        // Drain stdout so a full pipe can never block the child.
        _ = child.StandardOutput.ReadToEndAsync();
        return child;
    }
}
