using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>How a host answers when PowerShell needs to ask the user something.</summary>
    public enum HostKind
    {
        /// <summary>Answers PromptForChoice from the test's queue.</summary>
        Interactive,
        /// <summary>Refuses every prompt, as `pwsh -NonInteractive` does.</summary>
        NonInteractive,
        /// <summary>Has no user interface at all, as many runbook and service hosts (PowerShell then throws HostException).</summary>
        NoUserInterface,
    }

    /// <summary>
    /// A PowerShell host as a test sees it: everything written to it is recorded (<see cref="CapturingHostUserInterface"/>),
    /// choices are answered from a queue, or refused the way hosts that cannot prompt refuse.
    /// </summary>
    internal sealed class CapturingHost : PSHost
    {
        private readonly CapturingHostUserInterface _ui;

        public CapturingHost(HostKind kind = HostKind.Interactive)
        {
            Kind = kind;
            _ui = new CapturingHostUserInterface(kind == HostKind.Interactive);
        }

        public HostKind Kind { get; }
        public CapturingHostUserInterface Recorded => _ui;

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override string Name => "EscFirmwareTestHost";
        public override PSHostUserInterface? UI => Kind == HostKind.NoUserInterface ? null : _ui;
        public override Version Version => new Version(1, 0);

        public override void EnterNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");
        public override void ExitNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }
}
