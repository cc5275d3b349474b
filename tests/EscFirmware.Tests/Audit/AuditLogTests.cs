using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.Core.Audit;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("escfw-audit-").FullName;

    private string LogPath => Path.Combine(_folder, "logs", "audit.jsonl");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static EscFirmwareAuditRecord Record(string server, AuditEvent kind, string? status = null, DateTimeOffset? time = null, string run = "run-1") => new()
    {
        Time = time ?? DateTimeOffset.UtcNow,
        RunId = run,
        Operator = AuditLog.CurrentOperator,
        ComputerName = server,
        Event = kind,
        Component = "Bios",
        Status = status,
    };

    [Fact]
    public void Parallel_writers_append_whole_lines_and_never_rewrite_earlier_ones()
    {
        var log = new AuditLog(LogPath);
        log.Append(Record("first", AuditEvent.RunStarted));
        var firstLine = File.ReadAllText(LogPath);

        // Separate AuditLog instances stand for separate runs: only the file lock keeps their lines apart.
        Parallel.For(0, 8, writer =>
        {
            var own = new AuditLog(LogPath);
            for (var i = 0; i < 50; i++) own.Append(Record("bmc" + writer, AuditEvent.PhaseChanged));
        });

        var lines = File.ReadAllLines(LogPath);
        Assert.Equal(401, lines.Length);
        Assert.StartsWith(firstLine, File.ReadAllText(LogPath));
        Assert.All(lines, line => Assert.NotNull(JsonNode.Parse(line)));
        Assert.Equal(Enumerable.Range(0, 8).Select(w => "bmc" + w), lines.Skip(1).Select(l => (string)JsonNode.Parse(l)!["ComputerName"]!).Distinct().OrderBy(s => s));
    }

    [Fact]
    public void Reads_back_with_wildcards_time_window_status_and_run()
    {
        var log = new AuditLog(LogPath);
        var t0 = new DateTimeOffset(2026, 11, 21, 1, 0, 0, TimeSpan.Zero);
        log.Append(Record("bmc17.lab", AuditEvent.ServerFinished, "Failed", t0));
        log.Append(Record("bmc18.lab", AuditEvent.ServerFinished, "Succeeded", t0.AddHours(1)));
        log.Append(Record("gpu01", AuditEvent.ServerFinished, "Failed", t0.AddHours(2), run: "run-2"));

        Assert.Equal(new[] { "bmc17.lab", "bmc18.lab" }, Read(new AuditQuery { ComputerNames = new[] { "BMC1?.*" } }));
        Assert.Equal(new[] { "bmc17.lab", "gpu01" }, Read(new AuditQuery { Statuses = new[] { "failed" } }));
        Assert.Equal(new[] { "bmc18.lab" }, Read(new AuditQuery { After = t0.AddMinutes(30), Before = t0.AddMinutes(90) }));
        Assert.Equal(new[] { "gpu01" }, Read(new AuditQuery { RunId = "run-2" }));
    }

    [Fact]
    public void A_damaged_line_is_skipped_with_a_warning_and_the_rest_is_read()
    {
        var log = new AuditLog(LogPath);
        log.Append(Record("a", AuditEvent.RunStarted));
        File.AppendAllText(LogPath, "{\"Time\":\"2026-11-21T01:00:00Z\",\"Comp\n");
        log.Append(Record("b", AuditEvent.RunFinished));
        var sink = new RecordingSink();

        new ReadAuditOperation(LogPath, new AuditQuery()).Run(sink, CancellationToken.None);

        Assert.Equal(new[] { "a", "b" }, sink.OfType<EscFirmwareAuditRecord>().Select(r => r.ComputerName));
        Assert.Contains("line 2", Assert.Single(sink.Warnings));
    }

    [Fact]
    public void A_missing_log_is_an_error_naming_the_path()
    {
        var sink = new RecordingSink();

        new ReadAuditOperation(LogPath, new AuditQuery()).Run(sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal("EscAuditLogNotFound", error.ErrorId);
        Assert.Contains(LogPath, error.Message);
    }

    [Fact]
    public async Task Escfw_audit_prints_the_records_as_json()
    {
        new AuditLog(LogPath).Append(Record("bmc17", AuditEvent.ServerFinished, "Succeeded"));
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), new StringReader(""), _ => null, isTerminal: false);

        var code = await EscfwApp.RunAsync(new[] { "audit", "--audit-path", LogPath, "--bmc", "bmc*", "--json" }, context);

        Assert.Equal(ExitCodes.Success, code);
        var record = Assert.Single(JsonNode.Parse(output.ToString())!.AsArray())!;
        Assert.Equal("ServerFinished", (string?)record["Event"]);
        Assert.Equal("Succeeded", (string?)record["Status"]);
    }

    private string[] Read(AuditQuery query)
    {
        var sink = new RecordingSink();
        new ReadAuditOperation(LogPath, query).Run(sink, CancellationToken.None);
        Assert.Empty(sink.Errors);
        return sink.OfType<EscFirmwareAuditRecord>().Select(r => r.ComputerName!).ToArray();
    }
}
