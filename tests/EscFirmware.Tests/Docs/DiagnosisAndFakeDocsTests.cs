using System;
using System.IO;
using System.Linq;
using System.Reflection;
using EscFirmware.Core.Recovery;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Module;
using Xunit;

namespace EscFirmware.Tests.Docs;

/// <summary>What an operator reads matches what the code does: every state Get-EscBmcState can report has its row and
/// remedy in the help page and the decision table; every fault and start state of the fake is in docs/fake-bmc.md.</summary>
public sealed class DiagnosisAndFakeDocsTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(BuiltModule.RepoRoot, "docs", name));

    [Theory]
    [InlineData("Get-EscBmcState.md")]
    [InlineData("about_EscFirmware_Recovery.md")]
    public void Every_bmc_state_has_a_row_with_its_remedy(string page)
    {
        var text = Doc(page);
        var missing = Enum.GetNames<BmcState>().Where(state => !text.Contains("| " + state + " |", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, page + " has no row for: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData(typeof(FakeBmcFaults), "Faults.")]
    [InlineData(typeof(FakeBmcStartState), "Start.")]
    public void Every_fault_and_start_state_of_the_fake_is_documented(Type options, string prefix)
    {
        var text = Doc("fake-bmc.md");
        var missing = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && !text.Contains(prefix + p.Name, StringComparison.Ordinal))
            .Select(p => prefix + p.Name).ToList();
        Assert.True(missing.Count == 0, "docs/fake-bmc.md does not mention: " + string.Join(", ", missing));
    }
}
