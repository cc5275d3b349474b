using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EscFirmware.FakeBmc;

/// <summary>How the fake presents itself at start. Runtime changes live in <see cref="FakeBmcState"/>.</summary>
public sealed record FakeBmcOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; init; }
    /// <summary>Which kind of BMC to play; the AMI ESC8000 unless a scenario says otherwise. <see cref="ForPersona"/> gives
    /// fitting names and versions for the others.</summary>
    public FakePersona Persona { get; init; } = FakePersona.AmiEsc8000;
    /// <summary>Shape and faults of the generic DMTF persona (its session login also applies to iLO).</summary>
    public DmtfPersonaOptions Dmtf { get; init; } = new();
    /// <summary>Timings and faults of the HPE iLO persona.</summary>
    public IloPersonaOptions Ilo { get; init; } = new();
    public string UserName { get; init; } = "admin";
    public string Password { get; init; } = "SimPassw0rd!";
    public string Model { get; init; } = "ESC8000-E12P";
    public string Manufacturer { get; init; } = "ASUSTeK COMPUTER INC.";
    public string ManagerModel { get; init; } = "ASMB12-iKVM";
    /// <summary>BMC firmware in image slot 1 (the active slot at start).</summary>
    public string BmcVersion { get; init; } = "1.29.1";
    /// <summary>BMC firmware in image slot 2 (the backup slot at start).</summary>
    public string BackupBmcVersion { get; init; } = "1.29.1";
    public string BiosVersion { get; init; } = "0603";
    /// <summary>The BiosVersion an HPM-wizard BIOS flash installs (the component slice does not say; the image header does).</summary>
    public string FlashedBiosVersion { get; init; } = "0804";
    public PowerState PowerState { get; init; } = PowerState.On;
    public string RedfishVersion { get; init; } = "1.15.1";
    /// <summary>Web (<c>/api/session</c>) session table size; real builds allow about 148.</summary>
    public int MaxWebSessions { get; init; } = 20;
    public UpdateServiceShape UpdateServiceShape { get; init; } = UpdateServiceShape.Flat;
    /// <summary>What the Redfish service does with <c>$expand</c> on a collection, and what its service root advertises.</summary>
    public ExpandQuery ExpandQuery { get; init; } = ExpandQuery.Ignored;
    /// <summary>Redfish takes HTTP Basic credentials (spec a.6: ASMB12 does). Off: Basic is refused with a 401 that carries no Basic challenge.</summary>
    public bool BasicAuth { get; init; } = true;
    /// <summary>UpdateService <c>MaxImageSizeBytes</c>; larger uploads get 413 (~430–441 MB on AMI examples, spec a.6).</summary>
    public long MaxImageSizeBytes { get; init; } = 441_450_496;
    /// <summary>A flashed BIOS waiting for POST shows as FirmwareInventory member <c>BIOS_Pending</c> (some BMCs do, ASUS's may not).</summary>
    public bool ExposesPendingBiosVersion { get; init; }
    /// <summary>The power-restore policy turns the host on after the BMC's flash reboot (spec b.1 step 8).</summary>
    public bool PowerOnAfterBmcReboot { get; init; }
    /// <summary>The BMC also listens on this many more ports (free ones): each its own TCP and TLS endpoint over this
    /// one BMC, so a benchmark can stand up thousands of identical BMCs for a read-only run without thousands of web hosts.</summary>
    public int MirrorPorts { get; init; }
    /// <summary>Added to every request before it is handled (benchmarks of many slow BMCs).</summary>
    public TimeSpan ResponseLatency { get; init; } = TimeSpan.Zero;
    public FakeBmcTimings Timings { get; init; } = new();
    public FakeBmcFaults Faults { get; init; } = new();
    public FakeBmcStartState Start { get; init; } = new();

    /// <summary>Options for <paramref name="persona"/> with names and versions that fit it.</summary>
    public static FakeBmcOptions ForPersona(FakePersona persona) => persona switch
    {
        FakePersona.GenericDmtf => new FakeBmcOptions
        {
            Persona = persona, Manufacturer = "Contoso", Model = "Contoso 2U GPU", ManagerModel = "OpenBMC",
            BmcVersion = "2.14.0", BackupBmcVersion = "2.14.0", BiosVersion = "1.8.2", RedfishVersion = "1.17.0",
        },
        FakePersona.HpeIlo => new FakeBmcOptions
        {
            Persona = persona, Manufacturer = "HPE", Model = "ProLiant DL380a Gen11", ManagerModel = "iLO 6",
            BmcVersion = "1.55", BackupBmcVersion = "1.55", BiosVersion = "U54 v2.10", RedfishVersion = "1.13.0",
        },
        _ => new FakeBmcOptions(),
    };

    private static readonly JsonSerializerOptions ScenarioJson = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Reads a scenario file (see docs/fake-bmc.md); properties left out keep their defaults.</summary>
    public static FakeBmcOptions FromScenarioFile(string path)
    {
        try
        {
            return FromScenarioJson(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Scenario file '{path}' is not valid: {e.Message}", e);
        }
    }

    public static FakeBmcOptions FromScenarioJson(string json) =>
        JsonSerializer.Deserialize<FakeBmcOptions>(json, ScenarioJson)
        ?? throw new JsonException("The scenario is 'null'; expected a JSON object.");
}

public enum PowerState
{
    Off,
    On,
}

/// <summary>How the Redfish service answers <c>$expand</c> (DSP0266 query parameters).</summary>
public enum ExpandQuery
{
    /// <summary>Not advertised; the query is ignored and collections list links only.</summary>
    Ignored,
    /// <summary>Advertised in <c>ProtocolFeaturesSupported.ExpandQuery</c>; collections carry their members in place.</summary>
    Supported,
    /// <summary>Not advertised; the query is answered 501 <c>QueryNotSupported</c> (DSP0266's advice for unsupported <c>$</c> parameters).</summary>
    Rejected,
}

/// <summary>Where <c>FlashPercentage</c>, <c>UpdateStatus</c> and <c>UpdateTarget</c> sit in <c>Oem.AMIUpdateService</c>.</summary>
public enum UpdateServiceShape
{
    /// <summary>Directly under <c>Oem.AMIUpdateService</c> (ASUS builds, spec a.6).</summary>
    Flat,
    /// <summary>Under <c>Oem.AMIUpdateService.UpdateInformation</c> (newer AMI builds).</summary>
    Nested,
}
