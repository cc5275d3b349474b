using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Hpm;
using Xunit;

namespace EscFirmware.Tests.Ilo;

/// <summary>The iLO update service through escfw against the iLO persona: stage, schedule, watch, verify.</summary>
public sealed class EscfwIloTests
{
    private static FakeBmcOptions Ilo(IloPersonaOptions? ilo = null) => FakeBmcOptions.ForPersona(FakePersona.HpeIlo) with
    {
        Ilo = ilo ?? new IloPersonaOptions { UploadStepDuration = TimeSpan.FromMilliseconds(200), ApplyDuration = TimeSpan.FromMilliseconds(500) },
    };

    private static async Task<(int Code, JsonArray Json, string Err)> RunAsync(FakeBmcServer bmc, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? bmc.Options.Password : null, isTerminal: false);
        var poll = args[0] == "ilo" ? new[] { "--poll-interval-sec", "1" } : new string[0];
        var code = await EscfwApp.RunAsync(args.Concat(new[] { "--bmc", bmc.Address, "--certificate-thumbprint", bmc.CertificateSha256, "--json" }).Concat(poll).ToArray(), context);
        var text = output.ToString();
        return (code, text.Length == 0 ? new JsonArray() : JsonNode.Parse(text)!.AsArray(), error.ToString());
    }

    [Fact]
    public async Task Upload_without_flashing_queue_in_a_window_watch_it_complete_and_see_the_new_version()
    {
        await using var bmc = await FakeBmcServer.StartAsync(Ilo());
        using var folder = new TempDirectory();
        var component = folder.File("ilo6_156.bin");
        PersonaImage.Write(component, "BMC", "1.56");

        var (added, components, addErr) = await RunAsync(bmc, "ilo", "component", "add", "--path", component, "--yes");
        var versionAfterUpload = bmc.State.BmcVersion;
        var opens = DateTimeOffset.UtcNow.AddSeconds(3);
        var (windowCode, windows, windowErr) = await RunAsync(bmc, "ilo", "window", "new", "--name", "tonight",
            "--start-after", opens.ToString("yyyy-MM-ddTHH:mm:ssZ"), "--expire", opens.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ"), "--yes");
        var windowId = (string)windows.Single()!["Id"]!;
        var (taskCode, tasks, taskErr) = await RunAsync(bmc, "ilo", "task", "new", "--name", "ilo 1.56", "--filename", "ilo6_156.bin",
            "--maintenance-window", windowId, "--wait", "--task-timeout-sec", "30", "--yes");
        var (_, inventory, _) = await RunAsync(bmc, "inventory");

        Assert.True(added == ExitCodes.Success, addErr);
        var staged = components.Single()!;
        Assert.Equal(("ilo6_156.bin", "1.56"), ((string?)staged["Filename"], (string?)staged["Version"]));
        Assert.Equal("1.55", versionAfterUpload);
        Assert.True(bmc.State.Ilo.LastUploadHadSessionCookie);
        Assert.False(bmc.State.Ilo.LastUploadHadExpect);
        Assert.True(windowCode == ExitCodes.Success, windowErr);
        Assert.True(taskCode == ExitCodes.Success, taskErr);
        Assert.Equal("Complete", (string?)tasks.Single()!["State"]);
        Assert.True(DateTimeOffset.UtcNow >= opens, "the task must not run before its window opens");
        Assert.Equal("1.56", (string?)inventory.Single(i => (string?)i!["Name"] == "iLO 6")!["Version"]);
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
    }

    [Fact]
    public async Task A_busy_service_refuses_the_upload_and_a_stalled_queue_is_reported_as_such()
    {
        await using var busy = await FakeBmcServer.StartAsync(Ilo(new IloPersonaOptions { Busy = true }));
        await using var failing = await FakeBmcServer.StartAsync(Ilo(new IloPersonaOptions { UploadStepDuration = TimeSpan.FromMilliseconds(100), ApplyDuration = TimeSpan.FromMilliseconds(200), TaskException = true }));
        using var folder = new TempDirectory();
        var component = folder.File("ilo6_156.bin");
        PersonaImage.Write(component, "BMC", "1.56");

        var (busyCode, _, busyErr) = await RunAsync(busy, "ilo", "component", "add", "--path", component, "--yes");
        await RunAsync(failing, "ilo", "component", "add", "--path", component, "--yes");
        await RunAsync(failing, "ilo", "task", "new", "--name", "first", "--filename", "ilo6_156.bin", "--yes");
        var (stalledCode, _, stalledErr) = await RunAsync(failing, "ilo", "task", "new", "--name", "second", "--command", "Wait", "--wait", "--task-timeout-sec", "20", "--yes");
        var (_, queue, _) = await RunAsync(failing, "ilo", "task", "list");

        Assert.Equal(ExitCodes.SomeTargetFailed, busyCode);
        Assert.Contains("busy", busyErr);
        Assert.Equal(0, busy.State.Ilo.Uploads);
        Assert.Equal(ExitCodes.SomeTargetFailed, stalledCode);
        Assert.Contains("stalled", stalledErr);
        Assert.Contains("'first' is Exception", stalledErr);
        Assert.Equal(["Exception", "Pending"], queue.Select(t => (string?)t!["State"]));
        Assert.True((bool)queue[0]!["Stalls"]!);
        Assert.Equal("1.55", failing.State.BmcVersion);
    }

    [Fact]
    public async Task A_refused_upload_ends_in_error_with_ilos_result_and_leaves_the_repository_empty()
    {
        await using var bmc = await FakeBmcServer.StartAsync(Ilo(new IloPersonaOptions { UploadStepDuration = TimeSpan.FromMilliseconds(100), UploadRefused = true }));
        using var folder = new TempDirectory();
        var component = folder.File("ilo6_156.bin");
        PersonaImage.Write(component, "BMC", "1.56");

        var (code, _, err) = await RunAsync(bmc, "ilo", "component", "add", "--path", component, "--yes");

        Assert.Equal(ExitCodes.SomeTargetFailed, code);
        Assert.Contains("the iLO refused the component after the upload (Oem.Hpe.State Error, iLO.2.24.UpdateFailed); nothing was flashed.", err);
        Assert.Equal(1, bmc.State.Ilo.Uploads);
        Assert.Empty(bmc.State.Ilo.Components());
        Assert.Equal("1.55", bmc.State.BmcVersion);
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
    }

    [Fact]
    public async Task A_session_ended_when_the_task_starts_is_renewed_and_the_watch_sees_it_complete()
    {
        await using var bmc = await FakeBmcServer.StartAsync(Ilo(new IloPersonaOptions { UploadStepDuration = TimeSpan.FromMilliseconds(100), ApplyDuration = TimeSpan.FromMilliseconds(500), ExpireSessionsOnTaskStart = true }));
        using var folder = new TempDirectory();
        var component = folder.File("ilo6_156.bin");
        PersonaImage.Write(component, "BMC", "1.56");
        await RunAsync(bmc, "ilo", "component", "add", "--path", component, "--yes");
        var loginsBefore = bmc.RequestLog.Entries.Count(e => e.Method == "POST" && e.Path.TrimEnd('/') == "/redfish/v1/SessionService/Sessions");

        var (code, tasks, err) = await RunAsync(bmc, "ilo", "task", "new", "--name", "now", "--filename", "ilo6_156.bin", "--wait", "--task-timeout-sec", "20", "--yes");

        Assert.True(code == ExitCodes.Success, err);
        Assert.Equal("Complete", (string?)tasks.Single()!["State"]);
        Assert.Equal("1.56", bmc.State.BmcVersion);
        // One login for the run, one more after iLO ended the session as the task started.
        Assert.Equal(loginsBefore + 2, bmc.RequestLog.Entries.Count(e => e.Method == "POST" && e.Path.TrimEnd('/') == "/redfish/v1/SessionService/Sessions"));
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
    }
}
