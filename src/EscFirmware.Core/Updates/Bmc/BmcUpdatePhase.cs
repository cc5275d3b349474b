namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>The phases of one BMC's Redfish update, in order. Each runs as one step of <see cref="BmcUpdateWorkflow"/>.</summary>
    public enum BmcUpdatePhase
    {
        /// <summary>Read-only: image, identity, idle BMC, size, version policy, local lock.</summary>
        PreFlight,
        /// <summary>ShouldProcess with the facts; -WhatIf stops here.</summary>
        Confirm,
        /// <summary>Every PreserveConfiguration flag set to true and read back.</summary>
        PreserveConfiguration,
        /// <summary>The streamed multipart push; ends when the BMC accepted it (202 and a task).</summary>
        Upload,
        /// <summary>The task and the UpdateService's flash progress, until the flash completes or the BMC goes away.</summary>
        Monitor,
        /// <summary>The BMC reboots into the new image: wait until it answers with the new version.</summary>
        RebootWait,
        /// <summary>Stable version reads, credentials, preserve flags, host power state.</summary>
        Verify,
        /// <summary>Terminal.</summary>
        Done,
    }
}
