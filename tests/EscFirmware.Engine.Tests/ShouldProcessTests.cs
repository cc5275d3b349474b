using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.Engine.Tests.Scenarios;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>
    /// -WhatIf, -Confirm answered through the host, and hosts that cannot ask, for every cmdlet that supports
    /// ShouldProcess (found through Get-Command and CommandMetadata), each fed a pipeline of two targets.
    /// </summary>
    public sealed class ShouldProcessTests
    {
        public static IEnumerable<object[]> ShouldProcessCmdlets() => ModuleCommand.Where(c => c.SupportsShouldProcess);

        [Fact]
        public void Every_cmdlet_that_supports_ShouldProcess_has_a_scenario()
        {
            var shouldProcess = ModuleCommand.All.Where(c => c.SupportsShouldProcess).Select(c => c.Name).ToList();
            Assert.Contains("Invoke-EscBmcUpdate", shouldProcess);
            var missing = shouldProcess.Where(name => !CmdletScenarios.All.ContainsKey(name)).ToList();
            Assert.True(missing.Count == 0, "Give these cmdlets a row in CmdletScenarios.All: " + string.Join(", ", missing));
        }

        [Theory]
        [MemberData(nameof(ShouldProcessCmdlets))]
        public async Task WhatIf_over_a_pipeline_says_what_it_would_do_per_target_and_writes_nothing(string cmdlet)
        {
            var scenario = CmdletScenarios.For(cmdlet);
            await using var lab = await scenario.StartAsync();
            var targets = scenario.Targets(lab);
            var files = FolderSnapshot.Of(lab.Images.Root);

            var result = lab.Run(scenario.Pipeline + " -WhatIf");

            Assert.True(result.Errors.Count == 0 && result.Terminating == null, cmdlet + ":\n" + result.Describe());
            foreach (var target in targets)
            {
                Assert.True(result.HostText.Split('\n').Any(line => line.StartsWith("What if:") && Names(line, target)), cmdlet + ": no 'What if:' line for " + target + "\n" + result.HostText);
                AssertUntouched(target, cmdlet + " -WhatIf");
            }
            Assert.Equal(files, FolderSnapshot.Of(lab.Images.Root));
            Assert.Empty(lab.Host.Prompts);
        }

        [Theory]
        [MemberData(nameof(ShouldProcessCmdlets))]
        public async Task Confirm_Yes_then_No_changes_exactly_the_target_named_in_the_approved_prompt(string cmdlet)
        {
            var scenario = CmdletScenarios.For(cmdlet);
            await using var lab = await scenario.StartAsync();
            var targets = scenario.Targets(lab);
            lab.Host.Answer("Yes", "No");

            var result = lab.Run(scenario.Pipeline + " -Confirm");

            Assert.True(result.Errors.Count == 0 && result.Terminating == null, cmdlet + ":\n" + result.Describe());
            var prompts = lab.Host.Prompts;
            Assert.True(prompts.Count == 2, cmdlet + " asked " + prompts.Count + " times:\n" + string.Join("\n", prompts));
            Assert.All(prompts, p => Assert.Contains("Yes to All", p));
            var approved = targets.Single(t => Names(prompts[0], t));
            var refused = targets.Single(t => Names(prompts[1], t));
            Assert.NotSame(approved, refused);
            Assert.True(approved.Changed, cmdlet + ": the approved " + approved + " was not changed\n" + result.Describe());
            AssertUntouched(refused, cmdlet + " answered No");
        }

        public static IEnumerable<object[]> ToAllAnswers() =>
            ShouldProcessCmdlets().SelectMany(row => new[] { "Yes to All", "No to All" }.Select(answer => new[] { row[0], answer }));

        [Theory]
        [MemberData(nameof(ToAllAnswers))]
        public async Task Confirm_to_All_asks_once_and_applies_the_answer_to_every_target(string cmdlet, string answer)
        {
            var scenario = CmdletScenarios.For(cmdlet);
            await using var lab = await scenario.StartAsync();
            var targets = scenario.Targets(lab);
            lab.Host.Answer(answer);

            var result = lab.Run(scenario.Pipeline + " -Confirm");

            Assert.True(result.Errors.Count == 0 && result.Terminating == null, cmdlet + ":\n" + result.Describe());
            Assert.Single(lab.Host.Prompts);
            foreach (var target in targets)
            {
                if (answer == "No to All") AssertUntouched(target, cmdlet + " answered No to All");
                else Assert.True(target.Changed, cmdlet + ": " + target + " was not changed after Yes to All\n" + result.Describe());
            }
        }

        /// <summary>
        /// Runbooks, `pwsh -NonInteractive`, jobs: a confirmation that cannot be asked ends the run with an error that says
        /// to pass -Confirm:$false, and nothing is changed. A cmdlet of lower ConfirmImpact asks only under -Confirm, and
        /// otherwise just runs, as PowerShell's convention goes.
        /// </summary>
        [Theory]
        [MemberData(nameof(ShouldProcessCmdlets))]
        public async Task A_host_that_cannot_prompt_gets_an_error_naming_Confirm_false_and_nothing_is_changed(string cmdlet)
        {
            var command = ModuleCommand.Named(cmdlet);
            var scenario = CmdletScenarios.For(cmdlet);
            await using var lab = await scenario.StartAsync(HostKind.NonInteractive);
            var targets = scenario.Targets(lab);

            var result = lab.Run(scenario.Pipeline + (command.ConfirmsByDefault ? string.Empty : " -Confirm"));

            var error = Assert.Single(result.AllErrors);
            Assert.Equal("EscConfirmationNotPossible," + command.ImplementingType, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Contains("-Confirm:$false", error.ErrorDetails.RecommendedAction);
            Assert.Contains("-WhatIf", error.ErrorDetails.RecommendedAction);
            Assert.True(scenario.IsShouldProcessTarget(lab, PSValues.Unwrap(error.TargetObject)?.ToString()), cmdlet + ": target " + error.TargetObject);
            foreach (var target in targets) AssertUntouched(target, cmdlet + " in a host that cannot prompt");

            if (command.ConfirmsByDefault) return;
            var unasked = lab.Run(scenario.Pipeline);
            Assert.True(unasked.Errors.Count == 0 && unasked.Terminating == null, cmdlet + " (ConfirmImpact " + command.ConfirmImpact + "):\n" + unasked.Describe());
            foreach (var target in targets) Assert.True(target.Changed, cmdlet + ": " + target + " was not changed");
        }

        [Fact]
        public async Task A_host_that_cannot_prompt_flashes_with_Confirm_false()
        {
            await using var lab = await Lab.StartAsync(host: HostKind.NonInteractive);
            var result = lab.Run("$bmcs | Invoke-EscBmcUpdate @pinned -Path $bmcImage -PollIntervalSec 1 -Confirm:$false");
            Assert.True(result.Errors.Count == 0 && result.Terminating == null, result.Describe());
            Assert.Equal("1.37.1", lab.First.State.BmcVersion);
            Assert.Empty(lab.Host.Prompts);
        }

        [Fact]
        public async Task A_host_without_a_user_interface_gets_the_same_error()
        {
            await using var lab = await Lab.StartAsync(2, host: HostKind.NoUserInterface);
            var result = lab.Run("$bmcs | Invoke-EscBmcUpdate @pinned -Path $bmcImage -PollIntervalSec 1");
            Assert.Equal("EscConfirmationNotPossible,EscFirmware.Commands.InvokeEscBmcUpdateCommand", Assert.Single(result.AllErrors).FullyQualifiedErrorId);
            foreach (var server in lab.Servers) FakeBmcAssert.Untouched(server, "a host without a user interface");
        }

        /// <summary>The prompt or "What if:" line names this target (an address not followed by more port digits).</summary>
        private static bool Names(string line, ConfirmTarget target) => Regex.IsMatch(line, Regex.Escape(target.Name) + @"(?!\d)");

        private static void AssertUntouched(ConfirmTarget target, string because)
        {
            Assert.False(target.Changed, because + ": " + target + " was changed");
            var touched = target.Touched;
            Assert.True(touched == null, because + ": " + target + " got " + touched);
        }
    }
}
