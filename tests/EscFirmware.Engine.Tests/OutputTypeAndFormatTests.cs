using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>
    /// Every cmdlet writes objects named as its [OutputType] declares (stable PSTypeNames such as EscFirmware.UpdateResult),
    /// and Out-Default renders each through the module's default view into the host.
    /// </summary>
    public sealed class OutputTypeAndFormatTests : IAsyncLifetime
    {
        private const string Catalog = "-CatalogUri $site -Api Legacy -CertificateThumbprint $siteThumbprint";

        /// <summary>One script per exported cmdlet that makes it write its output types; a new cmdlet needs a line here.</summary>
        public static readonly IReadOnlyDictionary<string, string> Producers = new Dictionary<string, string>
        {
            ["Get-EscFirmwareVersion"] = "Get-EscFirmwareVersion @pinned -ComputerName $bmcs[0]",
            ["Get-EscBmcState"] = "Get-EscBmcState @pinned -ComputerName $bmcs[0] -JournalPath $journal",
            ["Test-EscFirmwareImage"] = "Test-EscFirmwareImage $bmcImage",
            ["Find-EscFirmware"] = "Find-EscFirmware ESC8000-E12P " + Catalog,
            ["Save-EscFirmwarePackage"] = "Find-EscFirmware ESC8000-E12P -Component Bmc " + Catalog + " | Save-EscFirmwarePackage -Destination $downloads -CertificateThumbprint $siteThumbprint",
            ["Invoke-EscBmcUpdate"] = "Invoke-EscBmcUpdate @pinned -ComputerName $bmcs[0] -Path $bmcImage -WhatIf",
            ["Invoke-EscBiosUpdate"] = "Invoke-EscBiosUpdate @pinned -ComputerName $bmcs[0] -Path $biosImage -ShutdownHost -JournalPath $journal -WhatIf",
            ["Invoke-EscFirmwareUpgrade"] = "Invoke-EscFirmwareUpgrade @pinned -ComputerName $bmcs[0] -BmcImage $bmcImage -BiosImage $biosImage -ShutdownHost -AuditPath $audit -JournalPath $journal -WhatIf",
            // A real (BMC-only) upgrade of the second fake writes the audit log; -WhatIf writes none.
            ["Get-EscFirmwareAudit"] = "$null = Invoke-EscFirmwareUpgrade @pinned -ComputerName $bmcs[1] -BmcImage $bmcImage -AuditPath $audit -JournalPath $journal -PollIntervalSec 1 -Confirm:$false; Get-EscFirmwareAudit -AuditPath $audit",
            ["Exit-EscUpdateMode"] = "Exit-EscUpdateMode @pinned -ComputerName $bmcs[0] -JournalPath $journal -Confirm:$false",
            ["Get-EscFirmwareInventory"] = "Get-EscFirmwareInventory @pinned -ComputerName $bmcs[0], $dmtf, $ilo",
            ["Invoke-EscRedfishUpdate"] = "Invoke-EscRedfishUpdate @pinned -ComputerName $dmtf -Component Bmc -Path $dmtfImage -WhatIf",
            ["Add-EscRepositoryComponent"] = Staged + "$staged",
            ["Get-EscRepositoryComponent"] = Staged + "Get-EscRepositoryComponent @pinned -ComputerName $ilo",
            ["Remove-EscRepositoryComponent"] = Staged + "Remove-EscRepositoryComponent @pinned -ComputerName $ilo -Filename $staged.Filename -PassThru -Confirm:$false",
            ["New-EscMaintenanceWindow"] = "New-EscMaintenanceWindow @pinned -ComputerName $ilo -Name ('w' + [guid]::NewGuid()) -StartAfter ([datetime]::UtcNow.AddHours(1)) -Expire ([datetime]::UtcNow.AddHours(2)) -Confirm:$false",
            ["Remove-EscMaintenanceWindow"] = "$w = New-EscMaintenanceWindow @pinned -ComputerName $ilo -Name ('w' + [guid]::NewGuid()) -Confirm:$false; Remove-EscMaintenanceWindow @pinned -ComputerName $ilo -Name $w.Name -PassThru -Confirm:$false",
            ["New-EscUpdateTask"] = UefiTask + "$task",
            ["Get-EscUpdateTask"] = UefiTask + "Get-EscUpdateTask @pinned -ComputerName $ilo",
            ["Remove-EscUpdateTask"] = UefiTask + "Remove-EscUpdateTask @pinned -ComputerName $ilo -Name $task.Name -PassThru -Confirm:$false",
            ["New-EscInstallSet"] = Staged + InstallSet + "$set",
            ["Get-EscInstallSet"] = Staged + InstallSet + "Get-EscInstallSet @pinned -ComputerName $ilo",
            ["Invoke-EscInstallSet"] = Staged + InstallSet + "Invoke-EscInstallSet @pinned -ComputerName $ilo -Name $set.Name -StartAfter ([datetime]::UtcNow.AddHours(1)) -Confirm:$false",
            ["Get-EscUpgradePath"] = "Get-EscFirmwareVersion @pinned -ComputerName $bmcs[0] | Get-EscUpgradePath -Latest " + Catalog,
        };

        // The iLO persona: a component staged in its repository, a task only UEFI would run (it stays Pending), an install set.
        private const string Staged = "$staged = Add-EscRepositoryComponent @pinned -ComputerName $ilo -Path $iloImage -PollIntervalSec 1 -Confirm:$false\n";
        private const string UefiTask = "$task = New-EscUpdateTask @pinned -ComputerName $ilo -Name ('t' + [guid]::NewGuid()) -Command Wait -UpdatableBy Uefi -Confirm:$false\n";
        private const string InstallSet = "$set = New-EscInstallSet @pinned -ComputerName $ilo -Name ('s' + [guid]::NewGuid().ToString('N').Substring(0, 8)) -Filename $staged.Filename -Confirm:$false\n";

        private ImageFolder _images = null!;
        private FakeBmcs _fakes = null!;
        private FakeSupportSite _site = null!;
        private FakeBmcs _ilo = null!;
        private FakeBmcs _dmtf = null!;

        public async Task InitializeAsync()
        {
            _images = new ImageFolder();
            _fakes = await FakeBmcs.StartAsync(2);
            _site = await FakeSupportSite.StartAsync();
            _ilo = await FakeBmcs.StartAsync(1, o => FakeBmcOptions.ForPersona(FakePersona.HpeIlo) with
            {
                Ilo = new IloPersonaOptions { UploadStepDuration = TimeSpan.FromMilliseconds(100), ApplyDuration = TimeSpan.FromMilliseconds(100) },
            });
            _dmtf = await FakeBmcs.StartAsync(1, o => FakeBmcOptions.ForPersona(FakePersona.GenericDmtf) with { Timings = o.Timings });
            PersonaImage.Write(System.IO.Path.Combine(_images.Root, "ilo6_156.bin"), "BMC", "1.56");
            PersonaImage.Write(System.IO.Path.Combine(_images.Root, "bmc-2.15.0.bin"), "BMC", "2.15.0");
        }

        public async Task DisposeAsync()
        {
            await _site.DisposeAsync();
            await _ilo.DisposeAsync();
            await _dmtf.DisposeAsync();
            await _fakes.DisposeAsync();
            _images.Dispose();
        }

        public static IEnumerable<object[]> Cmdlets() => Producers.Keys.Select(name => new object[] { name });

        [Fact]
        public void Every_exported_cmdlet_has_a_producing_script()
        {
            using var session = ModuleSession.Start();
            var exported = session.Run("(Get-Module EscFirmware).ExportedCmdlets.Keys").Output.Select(o => o.ToString()).OrderBy(n => n);
            Assert.Equal(exported, Producers.Keys.OrderBy(n => n));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Writes_its_declared_output_types_and_each_renders_through_its_default_view(string cmdlet)
        {
            using var session = ModuleSession.Start();
            var variables = new Dictionary<string, object>
            {
                ["bmcImage"] = _images.BmcImage,
                ["biosImage"] = _images.BiosImage,
                ["journal"] = _images.Journals,
                ["audit"] = _images.AuditLog,
                ["downloads"] = System.IO.Path.Combine(_images.Root, "downloads"),
                ["site"] = _site.BaseUri,
                ["siteThumbprint"] = _site.CertificateSha256,
                ["cmdlet"] = cmdlet,
                ["ilo"] = _ilo.First.Address,
                ["dmtf"] = _dmtf.First.Address,
                ["iloImage"] = System.IO.Path.Combine(_images.Root, "ilo6_156.bin"),
                ["dmtfImage"] = System.IO.Path.Combine(_images.Root, "bmc-2.15.0.bin"),
                ["thumbprints"] = _fakes.Servers.Concat(_ilo.Servers).Concat(_dmtf.Servers).Select(s => s.CertificateSha256).ToArray(),
            };
            var declared = session.Run("(Get-Command $cmdlet).OutputType | ForEach-Object Name", variables).Output.Select(o => o.ToString()).ToList();
            Assert.NotEmpty(declared);
            Assert.All(declared, name => Assert.Matches("^EscFirmware\\.[A-Za-z]+$", name));

            // Out-Default lays out the first type of a stream as a table and later types as lists, so each type renders alone.
            var result = session.RunAgainst(_fakes, "$out = @(" + Producers[cmdlet] + ")\n$out\n" +
                "$types = [ordered]@{}; foreach ($o in $out) { $types[$o.PSObject.TypeNames[0]] = $true }\n" +
                "foreach ($t in $types.Keys) { $Host.UI.WriteLine('#render ' + $t); $out | Where-Object { $_.PSObject.TypeNames[0] -eq $t } | Out-Default }", variables);
            Assert.True(result.Terminating == null && result.Errors.Count == 0, cmdlet + ":\n" + result.Describe());
            Assert.NotEmpty(result.Output);
            foreach (var item in result.Output)
            {
                var typeName = item.TypeNames[0];
                Assert.True(declared.Contains(typeName), cmdlet + " wrote " + typeName + ", not one of its [OutputType] " + string.Join(", ", declared));
                var views = FormatViews.For(typeName);
                Assert.True(views.Count > 0, "no view selects " + typeName);
                foreach (var property in views.SelectMany(v => v.Properties).Distinct())
                {
                    Assert.True(item.Properties[property] != null, typeName + " has no property " + property + " that its view shows");
                }
                var table = views.First();
                Assert.True(table.IsTable, typeName + ": the default (first) view is a table");
                var rendered = Rendering(result.HostText, typeName);
                var headerLine = rendered.FirstOrDefault(line => table.Headers.All(line.Contains));
                Assert.True(headerLine != null, typeName + ": Out-Default did not render the table view (" + string.Join(", ", table.Headers) + "):\n" + result.HostText);
            }
            Assert.DoesNotContain("EscFirmware.Core.", result.HostText);
        }

        /// <summary>The host lines Out-Default wrote for one type, between its '#render' marker and the next.</summary>
        private static List<string> Rendering(string hostText, string typeName) =>
            hostText.Split('\n').SkipWhile(line => line != "#render " + typeName).Skip(1).TakeWhile(line => !line.StartsWith("#render ")).ToList();
    }
}
