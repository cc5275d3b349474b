using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>
    /// A PowerShell host as a test sees it: everything written to it is recorded (<see cref="CapturingHostUserInterface"/>),
    /// choices are answered from a queue, and <see cref="Interactive"/> false makes it refuse to prompt the way
    /// `pwsh -NonInteractive` and runbook hosts do.
    /// </summary>
    internal sealed class CapturingHost : PSHost
    {
        private readonly CapturingHostUserInterface _ui;

        public CapturingHost(bool interactive = true)
        {
            _ui = new CapturingHostUserInterface(interactive);
        }

        public bool Interactive => _ui.Interactive;
        public CapturingHostUserInterface Recorded => _ui;

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override string Name => "EscFirmwareTestHost";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => new Version(1, 0);

        public override void EnterNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");
        public override void ExitNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }
}
