namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>
    /// The phases of one BIOS update through the HPM wizard, in order. Each phase is one step of the workflow's state
    /// machine; leaving update mode on a failure is not a phase but an undo step of the update scope, which runs on every path.
    /// </summary>
    public enum BiosUpdatePhase
    {
        /// <summary>Read-only checks: image, identity, version policy, BMC health and update state, host power.</summary>
        PreFlight,

        /// <summary>Planning ends here with the plan to confirm; an approved run takes the lock and starts the journal.</summary>
        Confirm,

        /// <summary>Host power read from Redfish and from the web API; both must say Off.</summary>
        PowerGate,

        /// <summary>Redfish GracefulShutdown (ForceOff after -ForceOffAfterSec), waiting for Off.</summary>
        ShuttingDown,

        /// <summary>A second web session that can always end update mode, kept alive through the wizard.</summary>
        RescueSession,

        /// <summary>biosSaveSetting, then <c>hpm/updatemode</c>; the FWUPDATEID goes to the journal at once.</summary>
        EnteringUpdateMode,

        /// <summary><c>hpm/preparecomponents</c> with the seven ASUS keys.</summary>
        Preparing,

        /// <summary>The component slice, streamed from the file as multipart.</summary>
        Uploading,

        /// <summary>The host's power read again right before the SPI write.</summary>
        FlashGate,

        /// <summary><c>hpm/flash</c> and the SPI write (<c>upgradestatus</c> to 100); never interrupted once sent.</summary>
        Flashing,

        /// <summary><c>hpm/verifyimage</c> and <c>verifyimagestatus</c> to 100.</summary>
        Verifying,

        /// <summary><c>hpm/activatecomponents</c>.</summary>
        Activating,

        /// <summary><c>hpm/exitupdatemode</c> and proof that the BMC left it (Redfish answers again).</summary>
        ExitingUpdateMode,

        /// <summary>Redfish ResetType On (-PowerOn).</summary>
        PoweringOn,

        /// <summary>Waiting for POST until BiosVersion reads the new version several times in a row.</summary>
        WaitingForPost,

        Done,
    }
}
