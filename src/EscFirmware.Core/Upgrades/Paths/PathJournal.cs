using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using EscFirmware.Core.Operations;
using EscFirmware.Core.State;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Upgrades.Paths
{
    /// <summary>
    /// The upgrade path of one BMC and how far it got (<c>&lt;journal folder&gt;/&lt;host&gt;_&lt;port&gt;.path.json</c>, beside the
    /// update journal): every step with its index and outcome, rewritten before and after each step. A restarted run
    /// plans from the versions the BMC reports and, when that is the rest of the journaled path, carries on with the
    /// journal's step numbers, so "step 2 of 2" stays step 2 and step 1 is not flashed again.
    /// </summary>
    internal sealed class PathJournal
    {
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions { WriteIndented = true };
        private readonly object _gate = new object();
        private readonly BmcTarget _target;

        public PathJournal(string folder, BmcTarget target)
        {
            _target = target;
            FilePath = Path.Combine(folder, StateFolder.FileNameFor(target) + ".path.json");
        }

        public string FilePath { get; }

        public PathRecord? Read()
        {
            lock (_gate)
            {
                if (!File.Exists(FilePath)) return null;
                try
                {
                    return JsonSerializer.Deserialize<PathRecord>(File.ReadAllText(FilePath), Json);
                }
                catch (JsonException damaged)
                {
                    throw Unreadable(_target.DisplayName, FilePath, damaged.Message);
                }
            }
        }

        private static EscFirmwareException Unreadable(string host, string path, string why) =>
            new EscFirmwareException("EscJournalUnreadable", ErrorKind.InvalidData,
                host + ": the upgrade path journal " + path + " cannot be read (" + why + ").",
                recommendedAction: Phrase.Of($"Check the server with {EscCommand.GetFirmwareVersion.For(host)} and {EscCommand.GetBmcState.For(host)}; move the damaged file aside, then run again."));

        /// <summary>
        /// Renumbers a freshly planned path as the rest of the journaled one when the journal's unfinished steps end in
        /// exactly these steps; returns how many journaled steps were already done (0 when this is a new path).
        /// </summary>
        public int Resume(EscUpgradePath fresh)
        {
            var record = Read();
            if (record == null || record.IsComplete || fresh.Steps.Length == 0 || fresh.Steps.Length > record.Steps.Count) return 0;
            var done = record.Steps.Count - fresh.Steps.Length;
            var rest = record.Steps.Skip(done).ToList();
            var matches = rest.Select((journaled, i) => journaled.Component == fresh.Steps[i].Component.ToString()
                && FirmwareVersion.Compare(journaled.ToVersion, fresh.Steps[i].ToVersion) == VersionOrder.Same).All(same => same);
            if (!matches || record.Steps.Take(done).Any(s => s.Outcome != "Succeeded")) return 0;
            for (var i = 0; i < fresh.Steps.Length; i++)
            {
                fresh.Steps[i].Index = done + i + 1;
                fresh.Steps[i].Count = record.Steps.Count;
            }
            return done;
        }

        /// <summary>Journals the whole path (keeping the outcomes of steps done by an earlier run) and this step as running.</summary>
        public void Starting(EscUpgradePath path, UpgradeStep step, string runId)
        {
            lock (_gate)
            {
                var record = Read();
                if (record == null || record.IsComplete || record.Steps.Count != step.Count) record = new PathRecord { StartedAt = DateTimeOffset.UtcNow };
                record.RunId = runId;
                record.Model = path.Model;
                foreach (var planned in path.Steps)
                {
                    while (record.Steps.Count < planned.Index) record.Steps.Add(new PathStepRecord());
                    var entry = record.Steps[planned.Index - 1];
                    entry.Index = planned.Index;
                    entry.Component = planned.Component.ToString();
                    entry.FromVersion = planned.FromVersion;
                    entry.ToVersion = planned.ToVersion;
                }
                Mark(record, step, "Running");
            }
        }

        public void Finished(UpgradeStep step, UpdateStatus status)
        {
            lock (_gate)
            {
                var record = Read();
                if (record == null || record.Steps.Count < step.Index) return;
                Mark(record, step, status == UpdateStatus.Succeeded ? "Succeeded" : status.ToString());
            }
        }

        private void Mark(PathRecord record, UpgradeStep step, string outcome)
        {
            var entry = record.Steps[step.Index - 1];
            entry.Outcome = outcome;
            entry.At = DateTimeOffset.UtcNow;
            record.IsComplete = record.Steps.All(s => s.Outcome == "Succeeded");
            PrivateFile.WriteAllText(FilePath, JsonSerializer.Serialize(record, Json));
        }
    }

    /// <summary>What <see cref="PathJournal"/> keeps: the path's steps, each with its outcome.</summary>
    internal sealed class PathRecord
    {
        public string RunId { get; set; } = string.Empty;
        public string Model { get; set; } = string.Empty;
        public DateTimeOffset StartedAt { get; set; }
        public bool IsComplete { get; set; }
        public List<PathStepRecord> Steps { get; set; } = new List<PathStepRecord>();
    }

    internal sealed class PathStepRecord
    {
        public int Index { get; set; }
        public string Component { get; set; } = string.Empty;
        public string? FromVersion { get; set; }
        public string? ToVersion { get; set; }

        /// <summary>Null before the step ran; Running, Succeeded, Failed or Skipped.</summary>
        public string? Outcome { get; set; }
        public DateTimeOffset? At { get; set; }
    }
}
