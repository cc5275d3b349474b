namespace EscFirmware.Core.Recovery
{
    /// <summary>The phases of leaving update mode on one BMC, in order; each is one step of <see cref="UpdateModeExit"/>.</summary>
    public enum ExitUpdateModePhase
    {
        /// <summary>The per-BMC lock: refused, naming the running operation, while another process changes this BMC.</summary>
        Lock,
        /// <summary>Read-only: the journal, the rescue session, the staged component's status, the host's power for -CompleteFlash.</summary>
        Inspect,
        /// <summary>Planning ends here with the plan to confirm.</summary>
        Confirm,
        /// <summary>-CompleteFlash: <c>hpm/flash</c> (when staged only), verify, activate; the SPI write is never cut off.</summary>
        CompleteFlash,
        /// <summary><c>hpm/exitupdatemode</c> through the surviving session.</summary>
        Exit,
        /// <summary>Proof: a fresh web login and Redfish 200.</summary>
        ConfirmOut,
        Done,
    }
}
