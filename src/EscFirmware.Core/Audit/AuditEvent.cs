namespace EscFirmware.Core.Audit
{
    /// <summary>What an audit record says happened.</summary>
    public enum AuditEvent
    {
        RunStarted,
        Decision,
        Override,
        PhaseChanged,
        CanaryStop,
        FailureBudgetExhausted,
        ComponentFinished,
        ServerFinished,
        RunFinished,
    }
}
