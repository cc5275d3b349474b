using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>What a console shows while the cmdlets run: nested progress that always completes, and verbose milestones.</summary>
    public sealed class ProgressAndVerboseTests
    {
        private static readonly string[] BmcMilestones = { "PreFlight:", "PreserveConfiguration:", "Upload:", "Monitor:", "RebootWait:", "Verify:" };
        private static readonly string[] BiosMilestones =
        {
            "PreFlight:", "PowerGate:", "RescueSession:", "EnteringUpdateMode:", "Preparing:", "Uploading:", "FlashGate:", "Flashing:",
            "Verifying:", "Activating:", "ExitingUpdateMode:", "PoweringOn:", "WaitingForPost:",
        };

        [Fact]
        public async Task A_fleet_upgrade_nests_a_child_per_server_and_component_completes_all_and_says_each_milestone()
        {
            using var images = new ImageFolder();
            await using var fakes = await FakeBmcs.StartAsync(2, o => o with { PowerState = PowerState.Off });
            using var session = ModuleSession.Start();
            var result = session.RunAgainst(fakes,
                "$bmcs | Invoke-EscFirmwareUpgrade @pinned -BmcImage $bmcImage -BiosImage $biosImage -PowerOn -JournalPath $journal -AuditPath $audit -PollIntervalSec 1 -Confirm:$false -Verbose",
                new Dictionary<string, object> { ["bmcImage"] = images.BmcImage, ["biosImage"] = images.BiosImage, ["journal"] = images.Journals, ["audit"] = images.AuditLog });
            Assert.True(result.Errors.Count == 0 && result.Terminating == null, result.Describe());

            var children = AssertNestedAndCompleted(result.Progress);
            Assert.Equal(4, children.Count);
            Assert.Equal(children, AssertNestedAndCompleted(session.Host.Recorded.Progress));

            foreach (var server in fakes.Servers)
            {
                var said = result.Verbose.Where(v => v.StartsWith(server.Address + ": ")).Select(v => v.Substring(server.Address.Length + 2)).ToList();
                AssertInOrder(said, BmcMilestones.Concat(BiosMilestones).ToList(), server.Address);
                Assert.DoesNotContain(said, v => v.Contains(server.Options.Password));
            }
            Assert.Contains(result.Verbose, v => v.StartsWith("Audit trail: run "));
        }

        [Fact]
        public async Task A_fleet_read_shows_one_fleet_activity_that_counts_every_server_and_completes()
        {
            await using var fakes = await FakeBmcs.StartAsync(3);
            using var session = ModuleSession.Start();
            var result = session.RunAgainst(fakes, "$bmcs | Get-EscFirmwareVersion @pinned -ThrottleLimit 2");
            Assert.True(result.Errors.Count == 0 && result.Terminating == null, result.Describe());
            AssertNestedAndCompleted(result.Progress);
            var fleet = result.Progress.Where(r => r.ParentActivityId < 0).ToList();
            Assert.Single(fleet.Select(r => r.ActivityId).Distinct());
            Assert.Contains(fleet, r => r.StatusDescription.StartsWith("3 of 3 done"));
        }

        /// <summary>
        /// Every child names an activity that exists as a parent; every activity ends with a Completed record and writes
        /// nothing after it; every child completes before its parent. Returns the child activity ids.
        /// </summary>
        private static List<int> AssertNestedAndCompleted(IReadOnlyList<ProgressRecord> records)
        {
            Assert.NotEmpty(records);
            var parents = records.Where(r => r.ParentActivityId < 0).Select(r => r.ActivityId).Distinct().ToList();
            Assert.NotEmpty(parents);
            var children = records.Where(r => r.ParentActivityId >= 0).Select(r => r.ActivityId).Distinct().ToList();
            foreach (var child in records.Where(r => r.ParentActivityId >= 0)) Assert.Contains(child.ParentActivityId, parents);
            var completedAt = new Dictionary<int, int>();
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                Assert.False(completedAt.ContainsKey(record.ActivityId), "activity " + record.ActivityId + " wrote '" + record.StatusDescription + "' after it completed");
                if (record.RecordType == ProgressRecordType.Completed) completedAt[record.ActivityId] = i;
            }
            foreach (var id in parents.Concat(children)) Assert.True(completedAt.ContainsKey(id), "activity " + id + " never completed");
            foreach (var child in records.Where(r => r.ParentActivityId >= 0).GroupBy(r => r.ActivityId))
            {
                Assert.True(completedAt[child.Key] < completedAt[child.First().ParentActivityId], "child " + child.Key + " completed after its parent");
            }
            return children;
        }

        private static void AssertInOrder(IReadOnlyList<string> said, IReadOnlyList<string> milestones, string host)
        {
            var position = 0;
            foreach (var milestone in milestones)
            {
                var found = said.Skip(position).ToList().FindIndex(line => line.StartsWith(milestone));
                Assert.True(found >= 0, host + ": no verbose milestone '" + milestone + "' after position " + position + " in:\n" + string.Join("\n", said));
                position += found + 1;
            }
        }
    }
}
