using System;
using System.Collections.Generic;
using System.Linq;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;

namespace EscFirmware.Engine.Tests.Scenarios
{
    /// <summary>
    /// The row of every cmdlet that changes something or talks to a BMC, for the every-cmdlet tables (confirmation,
    /// -WhatIf, error records, pipeline binding). <see cref="ModuleCommand"/> lists the cmdlets from the imported module,
    /// and the tables fail on a cmdlet without a row here: a new cmdlet needs one.
    /// </summary>
    internal static class CmdletScenarios
    {
        private const FakePersona Ami = FakePersona.AmiEsc8000;
        private const FakePersona Ilo = FakePersona.HpeIlo;
        private const FakePersona Dmtf = FakePersona.GenericDmtf;

        // iLO set-ups: a component staged in each repository; a task only UEFI would run (it stays Pending); an install set.
        private const string Staged = "$null = $bmcs | Add-EscRepositoryComponent @pinned -Path $iloImage -PollIntervalSec 1 -Confirm:$false\n";
        private const string Window = "$null = $bmcs | New-EscMaintenanceWindow @pinned -Name tonight -Confirm:$false\n";
        private const string UefiTask = "$null = $bmcs | New-EscUpdateTask @pinned -Name uefi-wait -Command Wait -UpdatableBy Uefi -Confirm:$false\n";
        private const string InstallSet = "$null = $bmcs | New-EscInstallSet @pinned -Name set1 -Filename ilo6_156.bin -Confirm:$false\n";
        private const string Later = "-StartAfter ([datetime]::UtcNow.AddHours(1)) -Expire ([datetime]::UtcNow.AddHours(2))";

        public static readonly IReadOnlyDictionary<string, CmdletScenario> All = new[]
        {
            CmdletScenario.OnBmcs("Get-EscFirmwareVersion", Ami, "Get-EscFirmwareVersion @pinned", Never),
            CmdletScenario.OnBmcs("Get-EscBmcState", Ami, "Get-EscBmcState @pinned -JournalPath $journal", Never),
            CmdletScenario.OnBmcs("Invoke-EscBmcUpdate", Ami, "Invoke-EscBmcUpdate @pinned -Path $bmcImage -PollIntervalSec 1",
                s => s.State.BmcVersion == "1.37.1"),
            CmdletScenario.OnBmcs("Invoke-EscBiosUpdate", Ami, "Invoke-EscBiosUpdate @pinned -Path $biosImage -ShutdownHost -PowerOn -JournalPath $journal -PollIntervalSec 1",
                s => s.State.BiosVersion == "0804"),
            CmdletScenario.OnBmcs("Invoke-EscFirmwareUpgrade", Ami,
                "Invoke-EscFirmwareUpgrade @pinned -BmcImage $bmcImage -BiosImage $biosImage -ShutdownHost -PowerOn -AuditPath $audit -JournalPath $journal -PollIntervalSec 1",
                s => s.State.BmcVersion == "1.37.1" && s.State.BiosVersion == "0804"),
            CmdletScenario.OnBmcs("Exit-EscUpdateMode", Ami, "Exit-EscUpdateMode @pinned -JournalPath $journal",
                s => s.State.UpdateModeId == null, configure: LatchedBmc.Latched,
                prepare: lab => { foreach (var server in lab.Servers) LatchedBmc.WriteJournal(server, lab.Images.Journals); }),
            CmdletScenario.OnBmcs("Get-EscFirmwareInventory", Dmtf, "Get-EscFirmwareInventory @pinned", Never),
            CmdletScenario.OnBmcs("Invoke-EscRedfishUpdate", Dmtf, "Invoke-EscRedfishUpdate @pinned -Component Bmc -Path $dmtfImage -ExpectedVersion 2.15.0 -PollIntervalSec 1",
                s => s.State.BmcVersion == "2.15.0"),
            CmdletScenario.OnBmcs("Add-EscRepositoryComponent", Ilo, "Add-EscRepositoryComponent @pinned -Path $iloImage -PollIntervalSec 1",
                s => s.State.Ilo.Components().Any(c => c.Filename == "ilo6_156.bin")),
            CmdletScenario.OnBmcs("Get-EscRepositoryComponent", Ilo, "Get-EscRepositoryComponent @pinned", Never),
            CmdletScenario.OnBmcs("Remove-EscRepositoryComponent", Ilo, "Remove-EscRepositoryComponent @pinned -Filename ilo6_156.bin",
                s => s.State.Ilo.Components().Count == 0, setup: Staged),
            CmdletScenario.OnBmcs("New-EscMaintenanceWindow", Ilo, "New-EscMaintenanceWindow @pinned -Name tonight " + Later, Written),
            CmdletScenario.OnBmcs("Remove-EscMaintenanceWindow", Ilo, "Remove-EscMaintenanceWindow @pinned -Name tonight", Written, setup: Window),
            CmdletScenario.OnBmcs("New-EscUpdateTask", Ilo, "New-EscUpdateTask @pinned -Name uefi-wait -Command Wait -UpdatableBy Uefi",
                s => s.State.Ilo.TaskState("uefi-wait") != null),
            CmdletScenario.OnBmcs("Get-EscUpdateTask", Ilo, "Get-EscUpdateTask @pinned", Never, setup: UefiTask),
            CmdletScenario.OnBmcs("Remove-EscUpdateTask", Ilo, "Remove-EscUpdateTask @pinned -Name uefi-wait",
                s => s.State.Ilo.TaskState("uefi-wait") == null, setup: UefiTask),
            CmdletScenario.OnBmcs("New-EscInstallSet", Ilo, "New-EscInstallSet @pinned -Name set1 -Filename ilo6_156.bin", Written, setup: Staged),
            CmdletScenario.OnBmcs("Get-EscInstallSet", Ilo, "Get-EscInstallSet @pinned", Never, setup: Staged + InstallSet),
            CmdletScenario.OnBmcs("Invoke-EscInstallSet", Ilo, "Invoke-EscInstallSet @pinned -Name set1 " + Later, Written, setup: Staged + InstallSet),
            CmdletScenario.Other("Save-EscFirmwarePackage",
                "Find-EscFirmware ESC8000-E12P -Component Bmc -All -CatalogUri $site -Api Legacy -CertificateThumbprint $siteThumbprint | " +
                "Save-EscFirmwarePackage -Destination $downloads -CertificateThumbprint $siteThumbprint",
                BmcPackageDownloads, lab => lab.Images.Downloads),
        }.ToDictionary(s => s.Cmdlet);

        /// <summary>Read-only cmdlets: they never change a BMC.</summary>
        private static bool Never(FakeBmcServer server) => false;

        /// <summary>Where the fake keeps no state a test can read (iLO windows, install sets): a write reached it.</summary>
        private static bool Written(FakeBmcServer server) => server.RequestLog.Mutating.Count > 0;

        /// <summary>The BMC packages the fake site lists for ESC8000-E12P: downloaded, or not asked for at all.</summary>
        private static IReadOnlyList<ConfirmTarget> BmcPackageDownloads(Lab lab)
        {
            var site = lab.Site!;
            return FakeProduct.Esc8000E12P().Releases.Where(r => r.IsBmc).Select(release =>
            {
                var uri = site.DownloadUri(release.ZipName);
                return new ConfirmTarget(uri.ToString(),
                    () => site.RequestCount(uri.AbsolutePath) > 0 && System.IO.Directory.Exists(lab.Images.Downloads),
                    () => site.RequestCount(uri.AbsolutePath) > 0 ? "downloaded" : null);
            }).ToList();
        }

        public static CmdletScenario For(string cmdlet) =>
            All.TryGetValue(cmdlet, out var scenario) ? scenario : throw new InvalidOperationException(cmdlet + " has no row in CmdletScenarios.All");
    }
}
