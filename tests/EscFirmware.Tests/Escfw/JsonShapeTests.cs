using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using EscFirmware.Cli;
using EscFirmware.Core.Audit;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Module;
using EscFirmware.Tests.Recovery;
using Xunit;

namespace EscFirmware.Tests.Escfw;

/// <summary>
/// Every verb's --json output, successes and failures alike, against the shape docs/escfw-json.md documents for it:
/// the same properties in the same order with the documented kinds, errors in the same objects, ComputerName a host
/// given on the command line or null, nothing HTML-escaped.
/// </summary>
public sealed class JsonShapeTests : IAsyncLifetime
{
    private static readonly string[] ErrorProperties = { "ErrorId", "Message", "RecommendedAction", "VendorCode" };
    private readonly TempDirectory _dir = new();
    private readonly RecoveryFixture _journals = new();
    private FakeBmcServer _server = null!;
    private string _dead = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeBmcServer.StartAsync(new FakeBmcOptions { PowerState = PowerState.On });
        _dead = "127.0.0.1:" + Foundation.VersionReportTests.FreePort();
        HpmImageWriter.WriteFile(HpmImageSpec.Bmc("1.37.1"), _dir.File("bmc.hpm"));
        HpmImageWriter.WriteFile(HpmImageSpec.Bios("0804"), _dir.File("bios.HPM"));
        File.WriteAllBytes(_dir.File("zeros.hpm"), new byte[4096]);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _journals.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Version_state_and_the_update_verbs_match_their_documented_shapes_for_results_and_errors()
    {
        await Check("escfw version", Bmc("version", "--bmc", _dead), expectFailure: true);
        await Check("escfw state", Bmc("state", "--bmc", _dead, "--journal-path", _journals.JournalPath), expectFailure: null);
        await Check("escfw update bmc", Bmc("update", "bmc", "--path", _dir.File("bmc.hpm"), "--whatif"));
        await Check("escfw update bmc", Bmc("update", "bmc", "--path", _dir.File("missing.hpm"), "--yes"), expectFailure: true);
        await Check("escfw update bios", Bmc("update", "bios", "--path", _dir.File("bios.HPM"), "--shutdown-host", "--journal-path", _journals.JournalPath, "--whatif"));
        await Check("escfw update bios", Bmc("update", "bios", "--path", _dir.File("bios.HPM"), "--journal-path", _journals.JournalPath, "--yes"), expectFailure: true);
        await Check("escfw update bios", Bmc("update", "bios", "--path", _dir.File("missing.HPM"), "--journal-path", _journals.JournalPath, "--yes"), expectFailure: true);
        await Check("escfw upgrade", Bmc("upgrade", "--bmc-path", _dir.File("bmc.hpm"), "--bios-path", _dir.File("bios.HPM"), "--shutdown-host", "--whatif",
            "--journal-path", _journals.JournalPath));
        await Check("escfw upgrade", Bmc("upgrade", "--bmc-path", _dir.File("bios.HPM"), "--journal-path", _journals.JournalPath, "--yes"), expectFailure: true);
        new AuditLog(_dir.File("audit.jsonl")).Append(new EscFirmwareAuditRecord
        {
            Time = DateTimeOffset.UtcNow, RunId = "r1", Operator = "tester", ComputerName = _server.Address, Event = AuditEvent.ServerFinished, Status = "Succeeded",
            Message = "BMC 1.29.1 -> 1.37.1 <verified>",
        });
        var records = await Check("escfw audit", new[] { "audit", "--audit-path", _dir.File("audit.jsonl") });
        Assert.Equal("BMC 1.29.1 -> 1.37.1 <verified>", (string?)Assert.Single(records)["Message"]);
        await Check("escfw audit", new[] { "audit", "--audit-path", _dir.File("no-such-audit.jsonl") }, expectFailure: true);
    }

    [Fact]
    public async Task Exit_update_mode_on_a_locked_BMC_is_Failed_with_the_AC_drain_as_its_next_step()
    {
        await using var locked = await FakeBmcServer.StartAsync(new FakeBmcOptions { Start = new FakeBmcStartState { UpdateModeId = RecoveryFixture.FwUpdateId } });
        var objects = await Check("escfw exit-update-mode", new[]
        {
            "exit-update-mode", "--bmc", locked.Address, "--certificate-thumbprint", locked.CertificateSha256, "--journal-path", _journals.JournalPath, "--yes",
        }, expectFailure: true);
        var host = Assert.Single(objects);
        var healthy = await Check("escfw exit-update-mode", Bmc("exit-update-mode", "--journal-path", _journals.JournalPath, "--yes"));
        Assert.Equal("Succeeded", (string?)Assert.Single(healthy)["Status"]);
        Assert.Equal("Impossible", (string?)host["Action"]);
        Assert.Equal("Failed", (string?)host["Status"]);
        Assert.Contains("AC power drain", (string?)host["Error"]!["RecommendedAction"]);
    }

    [Fact]
    public async Task Image_package_and_catalog_verbs_match_their_documented_shapes()
    {
        var images = await Check("escfw image test", new[] { "image", "test", _dir.File("bmc.hpm"), _dir.File("zeros.hpm"), _dir.File("missing.hpm"), "--json" }, expectFailure: true, json: false);
        Assert.Equal(new[] { "Succeeded", "Failed", "Failed" }, images.Select(i => (string?)i["Status"]));
        Assert.Equal("EscInvalidFirmwareImage", (string?)images[1]["Error"]!["ErrorId"]);
        Assert.DoesNotContain(images, i => i.ContainsKey("OemData") || i.ContainsKey("Records") || i.ContainsKey("ComponentsMask"));

        await using var site = await FakeSupportSite.StartAsync();
        await Check("escfw catalog", new[] { "catalog", "--model", "ESC8000-E12P", "--catalog-uri", site.BaseUri.ToString(), "--mirror-certificate-thumbprint", site.CertificateSha256, "--legacy-api" });
        await Check("escfw catalog", new[] { "catalog", "--model", "ESC8000-E12P", "--catalog-path", _dir.File("no-catalog.json") }, expectFailure: true);
        await Check("escfw image test", new[]
        {
            "package", "save", "--uri", site.DownloadUri("ESC8000-E12P-ASUS-0804.zip").ToString(), "--mirror-certificate-thumbprint", site.CertificateSha256,
            "--destination", _dir.File("packages"),
        });
        await Check("escfw package save", new[]
        {
            "package", "save", "--uri", site.DownloadUri("no-such-package.zip").ToString(), "--mirror-certificate-thumbprint", site.CertificateSha256,
            "--destination", _dir.File("packages"),
        }, expectFailure: true);
        var catalog = new[] { "--model", "ESC8000-E12P", "--catalog-uri", site.BaseUri.ToString(), "--mirror-certificate-thumbprint", site.CertificateSha256, "--legacy-api" };
        var paths = await Check("escfw path", new[] { "path", "--computer-name", "srv01", "--bmc-version", "1.20.0", "--bios-version", "0601", "--latest" }.Concat(catalog).ToArray());
        Assert.Equal("srv01", (string?)Assert.Single(paths)["ComputerName"]);
        var unnamed = await Check("escfw path", new[] { "path", "--bmc-version", "1.20.0", "--target-bmc-version", "1.37.1" }.Concat(catalog).ToArray());
        Assert.Null(Assert.Single(unnamed)["ComputerName"]);
        await Check("escfw path", new[] { "path", "--model", "ESC8000-E12P", "--bmc-version", "1.20.0", "--latest", "--catalog-path", _dir.File("no-catalog.json") }, expectFailure: true);
    }

    [Fact]
    public async Task Inventory_and_update_redfish_match_their_documented_shapes_on_any_redfish_service()
    {
        await using var dmtf = await FakeBmcServer.StartAsync(FakeBmcOptions.ForPersona(FakePersona.GenericDmtf));
        PersonaImage.Write(_dir.File("bmc.bin"), "BMC", "2.15.0");

        var items = await Check("escfw inventory", Bmc("inventory", "--bmc", dmtf.Address, "--bmc", _dead), expectFailure: true);
        Assert.Contains(items, i => (string?)i["Dialect"] == "DMTF" && (string?)i["Status"] == "Succeeded");
        Assert.Contains(items, i => (string?)i["Dialect"] == "AMI/ASUS");
        Assert.Contains(items, i => (string?)i["ComputerName"] == _dead && (string?)i["Status"] == "Failed");
        await Check("escfw update redfish", new[] { "update", "redfish", "--component", "bmc", "--path", _dir.File("bmc.bin"), "--bmc", dmtf.Address, "--skip-certificate-check", "--whatif" });
        var ami = await Check("escfw update redfish", Bmc("update", "redfish", "--component", "bmc", "--path", _dir.File("bmc.bin"), "--yes"), expectFailure: true);
        Assert.Equal("EscUseVendorUpdatePath", (string?)Assert.Single(ami)["ErrorId"]);
        await Check("escfw update redfish", Bmc("update", "redfish", "--component", "bmc", "--path", _dir.File("missing.bin"), "--yes"), expectFailure: true);
        Assert.Equal("2.14.0", dmtf.State.BmcVersion);
    }

    [Fact]
    public async Task The_ilo_verbs_match_their_documented_shapes_for_results_and_errors()
    {
        await using var ilo = await FakeBmcServer.StartAsync(FakeBmcOptions.ForPersona(FakePersona.HpeIlo) with
        {
            Ilo = new IloPersonaOptions { UploadStepDuration = TimeSpan.FromMilliseconds(100), ApplyDuration = TimeSpan.FromMilliseconds(200) },
        });
        PersonaImage.Write(_dir.File("ilo6_156.bin"), "BMC", "1.56");
        string[] Ilo(params string[] args) => args.Concat(new[] { "--bmc", ilo.Address, "--skip-certificate-check" }).ToArray();
        var later = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var latest = DateTimeOffset.UtcNow.AddHours(2).ToString("yyyy-MM-ddTHH:mm:ssZ");

        var added = await Check("escfw ilo component add", Ilo("ilo", "component", "add", "--path", _dir.File("ilo6_156.bin"), "--yes"));
        Assert.Equal("ilo6_156.bin", (string?)Assert.Single(added)["Filename"]);
        await Check("escfw ilo component add", Ilo("ilo", "component", "add", "--path", _dir.File("missing.bin"), "--yes"), expectFailure: true);
        await Check("escfw ilo component list", Ilo("ilo", "component", "list"));
        var window = await Check("escfw ilo window new", Ilo("ilo", "window", "new", "--name", "tonight", "--start-after", later, "--expire", latest, "--yes"));
        var windowId = (string)Assert.Single(window)["Id"]!;
        await Check("escfw ilo window new", Ilo("ilo", "window", "new", "--name", "backwards", "--start-after", latest, "--expire", later, "--yes"), expectFailure: true);
        await Check("escfw ilo task new", Ilo("ilo", "task", "new", "--name", "tonight's BMC", "--filename", "ilo6_156.bin", "--maintenance-window", windowId, "--yes"));
        var queue = await Check("escfw ilo task list", Ilo("ilo", "task", "list"));
        Assert.Equal("Pending", (string?)Assert.Single(queue)["State"]);
        await Check("escfw ilo task remove", Ilo("ilo", "task", "remove", "--name", "tonight's BMC", "--yes"));
        await Check("escfw ilo task remove", Ilo("ilo", "task", "remove", "--name", "no such task", "--yes"), expectFailure: true);
        await Check("escfw ilo installset new", Ilo("ilo", "installset", "new", "--name", "bmc only", "--filename", "ilo6_156.bin", "--yes"));
        await Check("escfw ilo installset list", Ilo("ilo", "installset", "list"));
        await Check("escfw ilo installset invoke", Ilo("ilo", "installset", "invoke", "--name", "bmc only", "--start-after", later, "--yes"));
        await Check("escfw ilo installset invoke", Ilo("ilo", "installset", "invoke", "--name", "no such set", "--yes"), expectFailure: true);
        await Check("escfw ilo window remove", Ilo("ilo", "window", "remove", "--name", windowId, "--yes"));
        await Check("escfw ilo window remove", Ilo("ilo", "window", "remove", "--name", "no such window", "--yes"), expectFailure: true);
        await Check("escfw ilo component remove", Ilo("ilo", "component", "remove", "--filename", "no-such.bin", "--yes"), expectFailure: true);
        // Not an iLO: every verb refuses the AMI BMC in the same shape.
        await Check("escfw ilo component list", Bmc("ilo", "component", "list"), expectFailure: true);
        await Check("escfw ilo task list", Bmc("ilo", "task", "list"), expectFailure: true);
        await Check("escfw ilo task new", Bmc("ilo", "task", "new", "--name", "x", "--command", "Wait", "--yes"), expectFailure: true);
        await Check("escfw ilo installset list", Bmc("ilo", "installset", "list"), expectFailure: true);
        await Check("escfw ilo installset new", Bmc("ilo", "installset", "new", "--name", "x", "--filename", "ilo6_156.bin", "--yes"), expectFailure: true);
        Assert.Equal("1.55", ilo.State.BmcVersion);
    }

    [Fact]
    public void Every_verb_that_takes_json_has_a_documented_shape_and_every_shape_a_verb()
    {
        var context = new CliContext(new StringWriter(), new StringWriter(), new StringReader(""), _ => null, isTerminal: false);
        var verbs = Leaves(EscfwApp.Build(context), "escfw").Where(c => c.Command.Options.Any(o => o.Name == "--json")).Select(c => c.Name).ToList();
        var documented = Documented().Keys.Where(k => !Nested(k)).ToList();

        Assert.Contains("escfw ilo task new", verbs);
        Assert.Empty(verbs.Except(documented));
        Assert.Empty(documented.Except(verbs));
    }

    private static IEnumerable<(string Name, System.CommandLine.Command Command)> Leaves(System.CommandLine.Command command, string name) =>
        command.Subcommands.Count == 0 ? new[] { (name, command) } : command.Subcommands.SelectMany(c => Leaves(c, command is System.CommandLine.RootCommand ? "escfw " + c.Name : name + " " + c.Name));

    /// <summary>A shape of the items of an array property ("escfw upgrade Results"), not of a verb.</summary>
    private static bool Nested(string key) => key is "escfw upgrade Results" or "escfw path Steps";

    private string[] Bmc(params string[] args) =>
        args.Concat(new[] { "--bmc", _server.Address, "--skip-certificate-check" }).ToArray();

    /// <param name="expectFailure">Exit code 1 and a Failed object with an Error; false: exit code 0; null: either.</param>
    private async Task<List<JsonObject>> Check(string verb, string[] args, bool? expectFailure = false, bool json = true)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, new StringReader(""), name => name == "ESC_BMC_PASSWORD" ? _server.Options.Password : null, isTerminal: false);
        var code = await EscfwApp.RunAsync(json ? args.Append("--json").ToArray() : args, context);
        var text = output.ToString();
        var what = string.Join(" ", args) + ":\n" + text + error;

        if (expectFailure.HasValue) Assert.True(code == (expectFailure.Value ? ExitCodes.SomeTargetFailed : ExitCodes.Success), "exit code " + code + " for " + what);
        Assert.DoesNotContain("\\u00", text);
        var hosts = args[0] == "audit" ? null : args.Select((a, i) => (a, i)).Where(p => p.a is "--bmc" or "--computer-name").Select(p => args[p.i + 1]).ToHashSet();
        var objects = JsonNode.Parse(text)!.AsArray().Select(o => o!.AsObject()).ToList();
        Assert.NotEmpty(objects);
        var shape = Documented()[verb];
        foreach (var item in objects) Conforms(verb, shape, item, hosts, what);
        if (expectFailure == true) Assert.Contains(objects, o => (string?)o["Status"] == "Failed" && o["Error"] is JsonObject);
        return objects;
    }

    /// <param name="hosts">The hosts given on the command line; null where ComputerName comes from elsewhere (the audit log).</param>
    private static void Conforms(string verb, IReadOnlyList<(string Name, string[] Kinds)> shape, JsonObject item, ISet<string>? hosts, string what)
    {
        Assert.True(shape.Select(p => p.Name).SequenceEqual(item.Select(p => p.Key)),
            "properties " + string.Join(",", item.Select(p => p.Key)) + " differ from the documented " + string.Join(",", shape.Select(p => p.Name)) + " in " + what);
        foreach (var (name, kinds) in shape)
        {
            var kind = Kind(item[name]);
            Assert.True(kinds.Contains(kind), name + " is " + kind + ", documented " + string.Join("|", kinds) + " in " + what);
        }
        if (hosts != null && item.TryGetPropertyValue("ComputerName", out var host) && host != null)
        {
            Assert.True(hosts.Contains((string)host!), "ComputerName " + host + " is not a host given in " + what);
        }
        if (item["Error"] is JsonObject error)
        {
            Assert.Equal(ErrorProperties, error.Select(p => p.Key));
            Assert.False(string.IsNullOrEmpty((string?)error["ErrorId"]), what);
            Assert.False(string.IsNullOrEmpty((string?)error["Message"]), what);
        }
        foreach (var (name, value) in item)
        {
            if (value is not JsonArray { Count: > 0 } array || array[0] is not JsonObject) continue;
            Assert.True(Documented().TryGetValue(verb + " " + name, out var itemShape), verb + "'s " + name + " holds objects, but their shape is not documented");
            foreach (var element in array) Conforms(verb + " " + name, itemShape!, element!.AsObject(), hosts, what);
        }
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "array",
        JsonObject => "object",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            var other => other.ToString(),
        },
    };

    /// <summary>docs/escfw-json.md's shapes by verb: each "## escfw …" heading names one or two verbs, its json-shape block the properties.</summary>
    private static Dictionary<string, IReadOnlyList<(string Name, string[] Kinds)>> Documented()
    {
        var text = File.ReadAllText(Path.Combine(BuiltModule.RepoRoot, "docs", "escfw-json.md"));
        var shapes = new Dictionary<string, IReadOnlyList<(string, string[])>>();
        foreach (Match section in Regex.Matches(text, @"^## (?<verbs>[^\n(]+)[^\n]*\n(?:(?!^## ).)*?```json-shape\n(?<shape>.*?)```", RegexOptions.Multiline | RegexOptions.Singleline))
        {
            var properties = section.Groups["shape"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(':', 2))
                .Select(parts => (parts[0].Trim(), parts[1].Trim().Split('|')))
                .ToList();
            foreach (var verb in section.Groups["verbs"].Value.Split(',')) shapes[verb.Trim()] = properties;
        }
        return shapes;
    }
}
