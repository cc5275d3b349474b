namespace EscFirmware.FakeBmc;

/// <summary>Where a non-AMI persona puts its resources and what it calls itself: the DMTF persona and iLO share one
/// set of Redfish resource endpoints, laid out differently.</summary>
internal sealed record PersonaLayout(
    string Vendor, string ManagerId, string SystemId, string BmcInventoryId, string BiosInventoryId, string BmcInventoryName, string BiosInventoryName)
{
    public const string UpdateServicePath = "/redfish/v1/UpdateService";
    public const string InventoryPath = UpdateServicePath + "/FirmwareInventory";
    public const string SessionsPath = "/redfish/v1/SessionService/Sessions";
    public const string TaskServicePath = "/redfish/v1/TaskService";

    public static readonly PersonaLayout Dmtf = new("Contoso", "bmc", "system", "bmc_active", "bios_active", "BMC firmware", "BIOS");
    public static readonly PersonaLayout Ilo = new("HPE", "1", "1", "1", "2", "iLO 6", "System ROM");

    public string ManagerPath => "/redfish/v1/Managers/" + ManagerId;
    public string SystemPath => "/redfish/v1/Systems/" + SystemId;
    public string BmcInventoryPath => InventoryPath + "/" + BmcInventoryId;
    public string BiosInventoryPath => InventoryPath + "/" + BiosInventoryId;

    public static PersonaLayout For(FakePersona persona) => persona == FakePersona.HpeIlo ? Ilo : Dmtf;
}
