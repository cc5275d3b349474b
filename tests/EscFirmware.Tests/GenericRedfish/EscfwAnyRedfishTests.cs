using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Hpm;
using Xunit;

namespace EscFirmware.Tests.GenericRedfish;

/// <summary>escfw against Redfish services that are not AMI: versions, inventories and a generic update.</summary>
public sealed class EscfwAnyRedfishTests
{
    private static (CliContext Context, StringWriter Out, StringWriter Err) Console(string password)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new CliContext(output, error, new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? password : null, isTerminal: false), output, error);
    }

    private static async Task<(int Code, JsonArray Json, string Err)> RunAsync(FakeBmcServer bmc, params string[] args)
    {
        var (context, output, error) = Console(bmc.Options.Password);
        var code = await EscfwApp.RunAsync(args.Concat(new[] { "--bmc", bmc.Address, "--certificate-thumbprint", bmc.CertificateSha256, "--json" }).ToArray(), context);
        return (code, JsonNode.Parse(output.ToString())!.AsArray(), error.ToString());
    }

    public static TheoryData<DmtfSessionLogin, int> BasicOnlyServices => new()
    {
        { DmtfSessionLogin.Absent, 401 },
        { DmtfSessionLogin.Absent, 400 },
        { DmtfSessionLogin.BasicOnSessionPost, 401 },
    };

    [Theory]
    [MemberData(nameof(BasicOnlyServices))]
    public async Task Version_and_inventory_report_the_firmware_of_services_that_take_only_basic(DmtfSessionLogin login, int anonymousRoot)
    {
        await using var bmc = await FakeBmcServer.StartAsync(GenericBmc.Dmtf(new DmtfPersonaOptions { SessionLogin = login, AnonymousServiceRootStatus = anonymousRoot }));

        var (versionCode, versions, versionErr) = await RunAsync(bmc, "version");
        var (inventoryCode, items, inventoryErr) = await RunAsync(bmc, "inventory");

        Assert.True(versionCode == ExitCodes.Success, versionErr);
        var host = Assert.Single(versions)!;
        Assert.Equal(("2.14.0", "1.8.2", "DMTF"), ((string?)host["BmcVersion"], (string?)host["BiosVersion"], (string?)host["Dialect"]));
        Assert.True(inventoryCode == ExitCodes.Success, inventoryErr);
        // Members decide, not Members@odata.count (2 here), and the unlisted orphan is never fetched.
        Assert.Equal(["bmc_active", "bios_active", "psu0"], items.Select(i => (string?)i!["Id"]));
        var bmcItem = items.Single(i => (string?)i!["Id"] == "bmc_active")!;
        Assert.Equal(("2.14.0", true, "bmc-firmware", "DMTF"), ((string?)bmcItem["Version"], (bool?)bmcItem["Updateable"], (string?)bmcItem["SoftwareId"], (string?)bmcItem["Dialect"]));
        Assert.Equal(["/redfish/v1/Managers/bmc"], bmcItem["RelatedItem"]!.AsArray().Select(r => (string?)r));
        Assert.DoesNotContain(bmc.RequestLog.Entries, e => e.Path.Contains("orphan", StringComparison.Ordinal));
        Assert.Equal(0, bmc.State.ActiveRedfishSessions);
    }

    [Fact]
    public async Task A_session_login_that_needs_basic_gets_it_and_reads_through_the_session()
    {
        await using var bmc = await FakeBmcServer.StartAsync(GenericBmc.Dmtf(new DmtfPersonaOptions { SessionLogin = DmtfSessionLogin.BasicOnSessionPost }));

        var (code, versions, err) = await RunAsync(bmc, "version", "--use-session", "--verbose");

        Assert.True(code == ExitCodes.Success, err);
        Assert.Equal("2.14.0", (string?)Assert.Single(versions)!["BmcVersion"]);
        var logins = bmc.RequestLog.Entries.Where(e => e.Method == "POST" && e.Path == "/redfish/v1/SessionService/Sessions").Select(e => e.StatusCode).ToList();
        Assert.Equal([401, 200], logins);
        Assert.Contains(bmc.RequestLog.Entries, e => e.Method == "GET" && e.Auth == RequestAuth.Token);
        Assert.DoesNotContain(bmc.RequestLog.Entries, e => e.Method == "DELETE");
    }

    [Fact]
    public async Task The_dialect_of_ami_and_ilo_services_is_named()
    {
        await using var ami = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        await using var ilo = await FakeBmcServer.StartAsync(FakeBmcOptions.ForPersona(FakePersona.HpeIlo));

        var (_, amiVersions, _) = await RunAsync(ami, "version");
        var (_, iloItems, _) = await RunAsync(ilo, "inventory");

        Assert.Equal("AMI/ASUS", (string?)Assert.Single(amiVersions)!["Dialect"]);
        Assert.All(iloItems, i => Assert.Equal("HPE iLO", (string?)i!["Dialect"]));
        Assert.Contains(iloItems, i => (string?)i!["Name"] == "iLO 6" && (string?)i["Version"] == "1.55");
    }

    [Fact]
    public async Task Update_redfish_takes_a_bmc_to_the_new_version_through_escfw()
    {
        await using var bmc = await FakeBmcServer.StartAsync(GenericBmc.Dmtf());
        using var folder = new TempDirectory();
        PersonaImage.Write(folder.File("bmc.bin"), "BMC", "2.15.0");

        var (code, results, err) = await RunAsync(bmc, "update", "redfish", "--component", "bmc", "--path", folder.File("bmc.bin"), "--expected-version", "2.15.0", "--poll-interval-sec", "1", "--yes");
        await bmc.WhenUpAsync();

        Assert.True(code == ExitCodes.Success, err);
        var result = Assert.Single(results)!;
        Assert.Equal(("Succeeded", "2.14.0", "2.15.0"), ((string?)result["Status"], (string?)result["FromVersion"], (string?)result["ToVersion"]));
        Assert.Equal("2.15.0", bmc.State.BmcVersion);
    }

    [Theory]
    [InlineData(FakePersona.GenericDmtf, "DMTF")]
    [InlineData(FakePersona.HpeIlo, "HPE iLO")]
    public async Task State_on_a_non_ami_service_reports_what_it_found_not_a_credentials_problem(FakePersona persona, string dialect)
    {
        await using var bmc = await FakeBmcServer.StartAsync(FakeBmcOptions.ForPersona(persona) with { Dmtf = new DmtfPersonaOptions { AnonymousServiceRootStatus = 401 } });
        using var journals = new TempDirectory();

        var (code, states, err) = await RunAsync(bmc, "state", "--journal-path", journals.Path);

        Assert.True(code == ExitCodes.Success, err);
        var state = Assert.Single(states)!;
        Assert.Equal("Healthy", (string?)state["State"]);
        Assert.Contains("a " + dialect + " Redfish service", (string?)state["Remedy"]);
        Assert.DoesNotContain("refused the credentials", (string?)state["Remedy"]);
        Assert.Contains(state["Evidence"]!.AsArray(), e => ((string?)e)!.StartsWith("web login not tried: a " + dialect, StringComparison.Ordinal));
        Assert.Empty(bmc.RequestLog.Mutating);
    }
}
