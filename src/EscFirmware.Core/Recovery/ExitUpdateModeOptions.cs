namespace EscFirmware.Core.Recovery
{
    public sealed class ExitUpdateModeOptions
    {
        /// <summary>The FWUPDATEID to exit; null = the one the journal recorded.</summary>
        public int? FwUpdateId { get; set; }
        /// <summary>When an upload was staged but never flashed: finish the flash (host must be off) instead of discarding it.</summary>
        public bool CompleteFlash { get; set; }
        public bool WhatIf { get; set; }
        public RecoverySettings Settings { get; set; } = new RecoverySettings();
    }
}
