using System.Management.Automation;

namespace EscFirmware.Commands
{
    /// <summary>The parameters every flashing cmdlet shares: the two version overrides and the poll interval.</summary>
    public abstract class EscFlashCmdlet : EscBmcCmdlet
    {
        /// <summary>Reinstall the version that is already installed.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Allow an image older than the installed firmware.</summary>
        [Parameter]
        public SwitchParameter AllowDowngrade { get; set; }

        /// <summary>Seconds between polls of flash progress, power state, a rebooting BMC and versions.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int PollIntervalSec { get; set; } = 10;
    }
}
