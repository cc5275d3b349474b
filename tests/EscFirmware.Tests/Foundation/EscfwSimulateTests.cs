using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Updates;
using EscFirmware.Tests.Hpm;
using Xunit;

namespace EscFirmware.Tests.Foundation;

public sealed class EscfwSimulateTests
{
    [Fact]
    public async Task Simulate_prints_addresses_and_credentials_writes_sample_images_and_stops_on_cancel()
    {
        using var folder = new TempDirectory();
        var output = new SynchronizedWriter();
        var context = new CliContext(output, new StringWriter(), new StringReader(""), _ => null, isTerminal: false);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var run = EscfwApp.RunAsync(new[] { "simulate", "--count", "2", "--images", folder.File("images") }, context, stop.Token);
        while (!output.ToString().Contains("Press Ctrl+C", StringComparison.Ordinal) && !run.IsCompleted) await Task.Delay(50);
        var text = output.ToString();
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Success, await run);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(text, @"127\.0\.0\.1:\d+  SHA-256 [0-9A-F]{64}").Count);
        Assert.Contains("password '", text);
        var bmc = HpmImageReader.Read(folder.File(Path.Combine("images", "ASMB12-1.37.1.hpm")));
        var bios = HpmImageReader.Read(folder.File(Path.Combine("images", "Z14PG-D32-ASUS-0804.HPM")));
        Assert.True(bmc.IsValid && bios.IsValid);
        Assert.Equal((FirmwareComponent.Bmc, "1.37.1"), (bmc.Kind!.Value, bmc.Version));
        Assert.Equal((FirmwareComponent.Bios, "0804"), (bios.Kind!.Value, bios.Version));
    }

    /// <summary>A StringWriter the command writes to on one thread while the test reads it on another.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        public override void Write(char value) { lock (this) base.Write(value); }
        public override void Write(string? value) { lock (this) base.Write(value); }
        public override void WriteLine(string? value) { lock (this) base.WriteLine(value); }
        public override string ToString() { lock (this) return base.ToString(); }
    }
}
