using System;
using System.CommandLine;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Cli;
using Xunit;

namespace EscFirmware.Tests.Escfw;

/// <summary>Usage errors: exit code 2 and one line on standard error naming the option, never a .NET type; nothing contacted.</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("'bmc 01' is not a valid BMC address", "version", "--bmc", "bmc 01")]
    [InlineData("'bmc_01!' is not a valid BMC address", "update", "bmc", "--path", "x.hpm", "--bmc", "bmc_01!", "--yes")]
    [InlineData("the port must be", "state", "--bmc", "10.0.0.5:0")]
    [InlineData("--after 'yesterday' is not an ISO 8601 date", "audit", "--after", "yesterday")]
    [InlineData("--before '24/11/2026' is not an ISO 8601 date", "audit", "--before", "24/11/2026")]
    [InlineData("--start-after 'tomorrow' is not an ISO 8601 date", "ilo", "window", "new", "--bmc", "ilo01", "--name", "w", "--start-after", "tomorrow", "--yes")]
    [InlineData("--expire 'never' is not an ISO 8601 date", "ilo", "task", "new", "--bmc", "ilo01", "--name", "t", "--command", "Wait", "--expire", "never", "--yes")]
    [InlineData("thumbprint must be a SHA-256 hash", "version", "--bmc", "bmc01", "--certificate-thumbprint", "zz")]
    [InlineData("thumbprint must be a SHA-256 hash", "catalog", "--model", "ESC8000-E12P", "--mirror-certificate-thumbprint", "12")]
    [InlineData("--poll-interval-sec", "update", "bios", "--bmc", "bmc01", "--path", "x.HPM", "--poll-interval-sec", "0", "--yes")]
    [InlineData("'--what-if'", "package", "save", "--uri", "https://example.invalid/p.zip", "--destination", "d", "--what-if")]
    public async Task A_usage_error_exits_2_with_one_line_naming_the_problem(string expected, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? "secret" : null, isTerminal: false);

        var code = await EscfwApp.RunAsync(args, context);

        Assert.Equal(ExitCodes.UsageError, code);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("escfw: ", line);
        Assert.Contains(expected, line);
        foreach (var typeName in new[] { "System.", "Exception", "Nullable", "`1", "DateTimeOffset", "Int32" }) Assert.DoesNotContain(typeName, line);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void Every_option_has_one_spelling_across_all_verbs()
    {
        var context = new CliContext(new StringWriter(), new StringWriter(), new StringReader(""), _ => null, isTerminal: false);
        var names = Options(EscfwApp.Build(context)).Select(o => o.Name).Distinct().ToList();
        var clashes = names.GroupBy(n => n.Replace("-", string.Empty, StringComparison.Ordinal)).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();

        Assert.Contains("--whatif", names);
        Assert.Contains("--certificate-thumbprint", names);
        Assert.True(clashes.Count == 0, "spelled more than one way: " + string.Join(", ", clashes));
        Assert.All(names, n => Assert.Matches("^--[a-z0-9]+(-[a-z0-9]+)*$", n));
    }

    private static IEnumerable<Option> Options(Command command) =>
        command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name != "--help" && o.Name != "--version")
            .Concat(command.Subcommands.SelectMany(Options));
}
