namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>The steps of a generic Redfish update, in order; the result's Phase names the last one reached.</summary>
    public enum GenericUpdatePhase
    {
        PreFlight,
        Confirm,
        Push,
        Task,
        Reset,
        Verify,
        Done,
    }
}
