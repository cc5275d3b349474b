using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>-WhatIf, -Confirm answered through the host, and hosts that cannot ask.</summary>
    public sealed class ShouldProcessTests
    {
        private const string BmcUpdate = "$bmcs | Invoke-EscBmcUpdate @pinned -Path $image -PollIntervalSec 1";

        public static IEnumerable<object[]> FlashingCommands() => new[]
        {
            new object[] { "Invoke-EscBmcUpdate", "$bmcs | Invoke-EscBmcUpdate @pinned -Path $bmcImage -WhatIf" },
            new object[] { "Invoke-EscBiosUpdate", "$bmcs | ForEach-Object { [pscustomobject]@{ ComputerName = $_ } } | Invoke-EscBiosUpdate @pinned -Path $biosImage -ShutdownHost -PowerOn -JournalPath $journal -WhatIf" },
            new object[] { "Invoke-EscFirmwareUpgrade", "$bmcs | Invoke-EscFirmwareUpgrade @pinned -BmcImage $bmcImage -BiosImage $biosImage -ShutdownHost -PowerOn -AuditPath $audit -JournalPath $journal -WhatIf" },
        };

        [Theory]
        [MemberData(nameof(FlashingCommands))]
        public async Task WhatIf_over_a_pipeline_says_what_it_would_do_per_server_and_changes_nothing(string command, string script)
        {
            using var images = new ImageFolder();
            await using var fakes = await FakeBmcs.StartAsync(2);
            using var session = ModuleSession.Start();
            var result = session.RunAgainst(fakes, script, Variables(images));
            Assert.True(result.Errors.Count == 0 && result.Terminating == null, command + ":\n" + result.Describe());
            foreach (var server in fakes.Servers)
            {
                Assert.Contains(result.HostText.Split('\n'), line => line.StartsWith("What if:") && line.Contains(server.Address));
                FakeBmcAssert.Untouched(server, command + " -WhatIf");
            }
            Assert.Empty(Directory.GetFiles(images.Journals));
            Assert.Empty(session.Host.Recorded.Prompts);
        }

        [Fact]
        public async Task WhatIf_on_Exit_EscUpdateMode_leaves_a_latched_BMC_as_it_is()
        {
            using var images = new ImageFolder();
            await using var fakes = await LatchedBmc.StartAsync();
            LatchedBmc.WriteJournal(fakes.First, images.Journals);
            using var session = ModuleSession.Start();
            var result = session.RunAgainst(fakes, "$bmcs | Exit-EscUpdateMode @pinned -JournalPath $journal -WhatIf", Variables(images));
            Assert.True(result.Errors.Count == 0 && result.Terminating == null, result.Describe());
            Assert.Contains(result.HostText.Split('\n'), line => line.StartsWith("What if:") && line.Contains(fakes.First.Address));
            Assert.Equal(LatchedBmc.FwUpdateId, fakes.First.State.UpdateModeId);
            Assert.Empty(fakes.First.RequestLog.Mutating);
        }

        [Theory]
        [InlineData("Yes to All", 1, 2)]
        [InlineData("No to All", 1, 0)]
        public async Task Confirm_to_all_asks_once_and_applies_the_answer_to_every_server(string answer, int prompts, int flashed)
        {
            using var images = new ImageFolder();
            await using var fakes = await FakeBmcs.StartAsync(2);
            using var session = ModuleSession.Start();
            session.Host.Recorded.Answer(answer);
            var result = session.RunAgainst(fakes, BmcUpdate + " -Confirm", Variables(images));
            Assert.True(result.Errors.Count == 0 && result.Terminating == null, result.Describe());
            Assert.Equal(prompts, session.Host.Recorded.Prompts.Count);
            Assert.Equal(flashed, fakes.Servers.Count(s => s.State.BmcVersion == "1.37.1"));
            foreach (var server in fakes.Servers.Where(s => s.State.BmcVersion != "1.37.1")) FakeBmcAssert.Untouched(server, "answered " + answer);
        }

        [Fact]
        public async Task Confirm_Yes_then_No_flashes_exactly_the_server_named_in_the_approved_prompt()
        {
            using var images = new ImageFolder();
            await using var fakes = await FakeBmcs.StartAsync(2);
            using var session = ModuleSession.Start();
            session.Host.Recorded.Answer("Yes", "No");
            var result = session.RunAgainst(fakes, BmcUpdate + " -Confirm", Variables(images));
            Assert.True(result.Errors.Count == 0 && result.Terminating == null, result.Describe());
            var prompts = session.Host.Recorded.Prompts;
            Assert.Equal(2, prompts.Count);
            Assert.All(prompts, p => Assert.Contains("Yes to All", p));
            var approved = fakes.Servers.Single(s => prompts[0].Contains(s.Address));
            var refused = fakes.Servers.Single(s => prompts[1].Contains(s.Address));
            Assert.Equal("1.37.1", approved.State.BmcVersion);
            FakeBmcAssert.LeftClean(approved, null, "the approved server after its update");
            FakeBmcAssert.Untouched(refused, "answered No");
            Assert.Equal(new[] { "Succeeded", "Skipped" }.OrderBy(s => s), result.OfType("EscFirmware.UpdateResult").Select(r => PSValues.Text(r, "Status")!).OrderBy(s => s));
        }

        /// <summary>Runbooks, `pwsh -NonInteractive`, jobs: the confirmation cannot be asked, and the error says what to pass.</summary>
        [Theory]
        [InlineData(HostKind.NonInteractive)]
        [InlineData(HostKind.NoUserInterface)]
        public async Task A_host_that_cannot_prompt_gets_an_error_naming_Confirm_false_and_nothing_is_flashed(HostKind kind)
        {
            using var images = new ImageFolder();
            await using var fakes = await FakeBmcs.StartAsync(2);
            using var session = ModuleSession.Start(kind);
            var result = session.RunAgainst(fakes, BmcUpdate, Variables(images));
            var error = Assert.Single(result.AllErrors);
            Assert.Equal("EscConfirmationNotPossible,EscFirmware.Commands.InvokeEscBmcUpdateCommand", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Contains("-Confirm:$false", error.ErrorDetails.RecommendedAction);
            Assert.Contains("-WhatIf", error.ErrorDetails.RecommendedAction);
            Assert.DoesNotContain(result.OfType("EscFirmware.UpdateResult"), r => PSValues.Text(r, "Status") == "Succeeded");
            foreach (var server in fakes.Servers) FakeBmcAssert.Untouched(server, "a host that cannot prompt");
        }

        [Fact]
        public async Task A_host_that_cannot_prompt_flashes_with_Confirm_false()
        {
            using var images = new ImageFolder();
            await using var fakes = await FakeBmcs.StartAsync(1);
            using var session = ModuleSession.Start(HostKind.NonInteractive);
            var result = session.RunAgainst(fakes, BmcUpdate + " -Confirm:$false", Variables(images));
            Assert.True(result.Errors.Count == 0 && result.Terminating == null, result.Describe());
            Assert.Equal("1.37.1", fakes.First.State.BmcVersion);
            Assert.Empty(session.Host.Recorded.Prompts);
        }

        private static Dictionary<string, object> Variables(ImageFolder images) => new Dictionary<string, object>
        {
            ["image"] = images.BmcImage,
            ["bmcImage"] = images.BmcImage,
            ["biosImage"] = images.BiosImage,
            ["journal"] = images.Journals,
            ["audit"] = images.AuditLog,
        };
    }
}
