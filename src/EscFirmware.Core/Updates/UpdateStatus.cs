namespace EscFirmware.Core.Updates
{
    /// <summary>How an update of one component on one server ended.</summary>
    public enum UpdateStatus
    {
        /// <summary>Flashed and verified.</summary>
        Succeeded,

        /// <summary>Nothing to do (already at the target version): a successful no-op.</summary>
        Skipped,

        /// <summary>Refused by a pre-flight check or failed; Message and ErrorId say why and what the BMC is doing.</summary>
        Failed,

        /// <summary>-WhatIf: the plan, with no write anywhere.</summary>
        WhatIf,

        /// <summary>
        /// This BIOS was already written and verified and takes effect at the host's next POST (BiosVersion reads the
        /// old version until then); nothing was written. -Force writes it again.
        /// </summary>
        Pending,

        /// <summary>Written and accepted by the BMC, waiting for a reset to activate (ApplyTime OnReset, or a BIOS image
        /// that applies at the next host start): not verified yet.</summary>
        Staged,
    }
}
