using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.BiosUpdate;
using Xunit;
using Xunit.Abstractions;

namespace EscFirmware.Tests.Escfw;

/// <summary>
/// Ctrl+C as a person presses it: escfw runs as its own process and gets SIGINT from kill, as a terminal sends it.
/// Every Ctrl+C is answered on standard error at once with what the stop waits for; none ends the process or cuts a
/// safety step short; the result says what was written, what was skipped and which command comes next.
/// </summary>
public sealed class CtrlCTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly ITestOutputHelper _log;

    public CtrlCTests(ITestOutputHelper log) => _log = log;

    [Fact]
    public async Task Ctrl_C_twice_during_the_BIOS_write_is_answered_at_once_and_the_write_and_leaving_update_mode_still_finish()
    {
        Assert.False(OperatingSystem.IsWindows(), "this test sends SIGINT with kill");
        await using var f = await BiosUpdateFixture.StartAsync(PowerState.Off, timings: BiosUpdateFixture.FastTimings with { HpmFlashDuration = TimeSpan.FromSeconds(8) });
        using var child = Start(f.Bmc.Options.Password, "update", "bios", "--bmc", f.Bmc.Address, "--certificate-thumbprint", f.Bmc.CertificateSha256,
            "--path", f.ImagePath, "--poll-interval-sec", "1", "--journal-path", f.JournalFolder, "--yes", "--json");
        var clock = Stopwatch.StartNew();
        var errors = new BlockingCollection<(TimeSpan At, string Line)>();
        var errorPump = Task.Run(async () =>
        {
            while (await child.StandardError.ReadLineAsync() is string line) errors.Add((clock.Elapsed, line));
            errors.CompleteAdding();
        });
        var output = child.StandardOutput.ReadToEndAsync();

        while (f.Bmc.State.HpmWizard.Phase != HpmWizardPhase.Flashing && !child.HasExited && clock.Elapsed < Bound) await Task.Delay(50);
        Assert.True(f.Bmc.State.HpmWizard.Phase == HpmWizardPhase.Flashing, "escfw never reached the SPI write: " + string.Join("\n", errors.Select(e => e.Line)));
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // a poll or two, so escfw knows how far the write is
        var first = await InterruptAsync(child, clock, errors);
        var second = await InterruptAsync(child, clock, errors);
        var stillWriting = f.Bmc.State.HpmWizard.Phase == HpmWizardPhase.Flashing && !child.HasExited;
        Assert.True(await Task.Run(() => child.WaitForExit(Bound)), "escfw did not end after the write");
        await errorPump;

        foreach (var (answeredIn, line) in new[] { first, second })
        {
            _log.WriteLine(answeredIn.TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) + " ms: " + line);
            Assert.True(answeredIn < TimeSpan.FromSeconds(1), "Ctrl+C answered after " + answeredIn.TotalMilliseconds + " ms");
            Assert.Matches(@"^Stopping: the BIOS write must finish first, (about \d+ s \(\d+% written\)|it has just started); leaving update mode after it — do not power off\.$", line);
        }
        Assert.True(stillWriting, "the second Ctrl+C must not end the process or the write");
        Assert.Equal(ExitCodes.SomeTargetFailed, child.ExitCode);
        var result = Assert.Single(JsonNode.Parse(await output)!.AsArray())!;
        Assert.Equal(("Failed", "EscOperationStopped"), ((string?)result["Status"], (string?)result["ErrorId"]));
        var message = (string?)result["Message"];
        _log.WriteLine(message);
        Assert.Contains("after the image was written; verify and activate were skipped", message);
        Assert.Contains("Next: run escfw state --bmc " + f.Bmc.Address, message);
        Assert.Contains("escfw update bios --bmc " + f.Bmc.Address + " --path " + f.ImagePath, message);
        Assert.DoesNotMatch(@"(?<![\w-])-[A-Z][a-z]+", message);
        Assert.Equal(1, f.Bmc.State.HpmWizard.FlashCount);
        f.AssertCleanEnd();
    }

    /// <summary>Sends SIGINT and returns how long escfw took to answer, and its answer.</summary>
    private static async Task<(TimeSpan AnsweredIn, string Line)> InterruptAsync(Process child, Stopwatch clock, BlockingCollection<(TimeSpan At, string Line)> errors)
    {
        var sent = clock.Elapsed;
        using (var kill = Process.Start("kill", new[] { "-INT", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!) await kill.WaitForExitAsync();
        var answer = await Task.Run(() =>
        {
            while (errors.TryTake(out var line, Bound))
            {
                if (line.Line.StartsWith("Stopping", StringComparison.Ordinal)) return line;
            }
            return (At: Bound, Line: "no answer");
        });
        return (answer.At - sent, answer.Line);
    }

    private static Process Start(string password, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "escfw.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ESC_BMC_PASSWORD"] = password;
        return Process.Start(start)!;
    }
}
