namespace EscFirmware.FakeBmc;

/// <summary>Which kind of BMC the fake plays (<c>Persona</c> in a scenario, <c>escfw simulate --persona</c>).</summary>
public enum FakePersona
{
    /// <summary>An ASUS ESC8000 BMC on AMI MegaRAC SP-X: Redfish with the AMI OEM blocks and the HPM-wizard web API.</summary>
    AmiEsc8000,
    /// <summary>A plain DMTF Redfish service (OpenBMC-like): no OEM blocks, no web API; see <see cref="DmtfPersonaOptions"/>.</summary>
    GenericDmtf,
    /// <summary>An HPE iLO: the DMTF resources plus the iLO update service (repository, task queue, install sets,
    /// maintenance windows, <c>Oem.Hpe.State</c>); see <see cref="IloPersonaOptions"/>.</summary>
    HpeIlo,
}
