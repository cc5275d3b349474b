using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>
    /// Records host text (Out-Default output, "What if:" lines, host-side verbose/warning/error lines), progress and
    /// every prompt; answers PromptForChoice with the queued labels ("Yes", "Yes to All", "No", "No to All").
    /// </summary>
    internal sealed class CapturingHostUserInterface : PSHostUserInterface
    {
        private static readonly Regex Ansi = new Regex("\u001b\\[[0-9;?]*[A-Za-z]", RegexOptions.Compiled);
        private readonly object _gate = new object();
        private readonly StringBuilder _text = new StringBuilder();
        private readonly List<string> _prompts = new List<string>();
        private readonly List<ProgressRecord> _progress = new List<ProgressRecord>();
        private readonly ConcurrentQueue<string> _answers = new ConcurrentQueue<string>();
        private readonly CapturingRawUserInterface _raw = new CapturingRawUserInterface();

        public CapturingHostUserInterface(bool interactive)
        {
            Interactive = interactive;
        }

        public bool Interactive { get; }

        /// <summary>All text written to the host so far, ANSI escapes removed.</summary>
        public string Text
        {
            get { lock (_gate) return Ansi.Replace(_text.ToString(), string.Empty); }
        }

        public IReadOnlyList<string> Lines => Text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        /// <summary>Each PromptForChoice as "caption | message | choice labels".</summary>
        public IReadOnlyList<string> Prompts
        {
            get { lock (_gate) return _prompts.ToList(); }
        }

        public IReadOnlyList<ProgressRecord> Progress
        {
            get { lock (_gate) return _progress.ToList(); }
        }

        public int UnansweredCount => _answers.Count;

        /// <summary>Answers for the next PromptForChoice calls, by label without the hot-key ampersand.</summary>
        public void Answer(params string[] labels)
        {
            foreach (var label in labels) _answers.Enqueue(label);
        }

        public override PSHostRawUserInterface RawUI => _raw;
        public override bool SupportsVirtualTerminal => false;

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            var labels = choices.Select(c => c.Label.Replace("&", string.Empty)).ToList();
            lock (_gate) _prompts.Add(caption + " | " + message + " | " + string.Join(", ", labels));
            RefuseUnlessInteractive(message);
            if (!_answers.TryDequeue(out var answer))
            {
                throw new InvalidOperationException("The test host was asked an unexpected question: " + caption + " " + message);
            }
            var index = labels.FindIndex(l => string.Equals(l, answer, StringComparison.OrdinalIgnoreCase));
            if (index < 0) throw new InvalidOperationException("No choice '" + answer + "' in: " + string.Join(", ", labels));
            return index;
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            lock (_gate) _prompts.Add(caption + " | " + message + " | " + string.Join(", ", descriptions.Select(d => d.Name)));
            RefuseUnlessInteractive(message);
            throw new InvalidOperationException("The test host answers no free-text prompt: " + message);
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
        {
            lock (_gate) _prompts.Add(caption + " | " + message + " | credential");
            RefuseUnlessInteractive(message);
            throw new InvalidOperationException("The test host answers no credential prompt: " + message);
        }

        public override string ReadLine()
        {
            RefuseUnlessInteractive("ReadLine");
            throw new InvalidOperationException("The test host has no keyboard.");
        }

        public override SecureString ReadLineAsSecureString()
        {
            RefuseUnlessInteractive("ReadLineAsSecureString");
            throw new InvalidOperationException("The test host has no keyboard.");
        }

        public override void Write(string value) => Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);
        public override void WriteLine(string value) => Append(value + "\n");
        public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");
        public override void WriteErrorLine(string value) => Append("ERROR: " + value + "\n");
        public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");
        public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
            var copy = new ProgressRecord(record.ActivityId, record.Activity, record.StatusDescription)
            {
                ParentActivityId = record.ParentActivityId,
                PercentComplete = record.PercentComplete,
                RecordType = record.RecordType,
                CurrentOperation = record.CurrentOperation,
            };
            lock (_gate) _progress.Add(copy);
        }

        private void Append(string value)
        {
            lock (_gate) _text.Append(value);
        }

        /// <summary>What ConsoleHost does under -NonInteractive: refuse, naming what it was asked.</summary>
        private void RefuseUnlessInteractive(string message)
        {
            if (!Interactive)
            {
                throw new PSInvalidOperationException("PowerShell is in NonInteractive mode. Read and Prompt functionality is not available. (" + message + ")");
            }
        }
    }
}
