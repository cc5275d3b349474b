namespace EscFirmware.Core.Recovery
{
    /// <summary>What Exit-EscUpdateMode did.</summary>
    public enum UpdateModeExitAction
    {
        /// <summary>exitupdatemode was sent (a staged upload, if any, was discarded).</summary>
        Exited,
        /// <summary>The staged flash was finished (flash, verify, activate) and update mode left.</summary>
        FlashCompleted,
        /// <summary>A fresh login worked: the BMC was not in update mode.</summary>
        NotNeeded,
        /// <summary>Locked with no surviving session: no remote exit exists (AC power drain).</summary>
        Impossible,
        /// <summary>-WhatIf: the plan was shown, nothing was sent.</summary>
        WhatIf,
        /// <summary>The confirmation prompt was answered no.</summary>
        Declined,
    }

    /// <summary>Which web session carried the exit.</summary>
    public enum RecoverySessionKind
    {
        None,
        /// <summary>The rescue session a killed update left in the journal.</summary>
        JournalRescueSession,
        NewLogin,
    }

    /// <summary>The output of Exit-EscUpdateMode and escfw exit-update-mode, one per BMC.</summary>
    public sealed class EscUpdateModeExitResult
    {
        public string ComputerName { get; set; } = string.Empty;
        public int? FwUpdateId { get; set; }
        public UpdateModeExitAction Action { get; set; }

        /// <summary>
        /// Succeeded only when the BMC is confirmed out of update mode; Failed when it is not (Impossible, or an exit that
        /// was not confirmed); WhatIf; Skipped when declined. Never Succeeded next to Recovered false.
        /// </summary>
        public Updates.UpdateStatus Status =>
            Action == UpdateModeExitAction.WhatIf ? Updates.UpdateStatus.WhatIf
            : Action == UpdateModeExitAction.Declined ? Updates.UpdateStatus.Skipped
            : Recovered ? Updates.UpdateStatus.Succeeded
            : Updates.UpdateStatus.Failed;
        /// <summary>True once the BMC is confirmed out of update mode (a fresh web login works, Redfish answers 200).</summary>
        public bool Recovered { get; set; }
        public RecoverySessionKind SessionUsed { get; set; }
        public string Message { get; set; } = string.Empty;
        /// <summary>The next step, in plain words.</summary>
        public string Remedy { get; set; } = string.Empty;
    }
}
