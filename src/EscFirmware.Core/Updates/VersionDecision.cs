namespace EscFirmware.Core.Updates
{
    /// <summary>What the version policy says about flashing a target version over the current one.</summary>
    public enum VersionDecisionKind
    {
        /// <summary>The image is newer (or the same/older with the matching override): flash it.</summary>
        Update,

        /// <summary>Already at the target version: a successful no-op.</summary>
        Skip,

        /// <summary>An older image without -AllowDowngrade, or a version that cannot be compared.</summary>
        Refuse,

        /// <summary>This version was written and verified earlier and waits for the host's next POST: nothing to write
        /// (unless forced).</summary>
        Pending,
    }

    public sealed class VersionDecision
    {
        public VersionDecision(VersionDecisionKind kind, string reason, string? errorId = null)
        {
            Kind = kind;
            Reason = reason;
            ErrorId = errorId;
        }

        public VersionDecisionKind Kind { get; }

        /// <summary>Why, in words for the result's Message and the WhatIf plan.</summary>
        public string Reason { get; }

        /// <summary>For refusals: the stable ErrorId.</summary>
        public string? ErrorId { get; }
    }
}
