using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>
    /// Get-EscUpgradePath and Invoke-EscFirmwareUpgrade -WhatIf through the catalog, in the hosted engine: the path of a BMC
    /// two steps below its target, shown step by step, and nothing written anywhere.
    /// </summary>
    public sealed class UpgradePathTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "escfw-engine-paths-" + Guid.NewGuid().ToString("N"));

        public UpgradePathTests() => Directory.CreateDirectory(_folder);

        /// <summary>BMC 1.37.1 may be flashed only over 1.29.1 or later (the documented catalog field).</summary>
        private string Catalog(bool withIntermediate = true)
        {
            var intermediate = withIntermediate
                ? @",{""Version"":""1.29.1"",""Title"":""ASMB12-iKVM FW 1.29.1"",""ReleaseDate"":""2024/09/30"",""IsRelease"":""1"",""DownloadUrl"":{""Global"":""https://127.0.0.1:9/pub/bmc-1.29.1.zip""}}"
                : string.Empty;
            var path = Path.Combine(_folder, withIntermediate ? "catalog.json" : "catalog-gap.json");
            File.WriteAllText(path, @"{""Status"":""SUCCESS"",""Message"":""SUCCESS"",""Result"":{""Model"":""ESC8000-E12P"",""Obj"":[
                {""Name"":""FIRMWARE"",""Files"":[{""Version"":""1.37.1"",""Title"":""ASMB12-iKVM FW 1.37.1"",""ReleaseDate"":""2025/03/10"",""IsRelease"":""1"",""MinimumFromVersion"":""1.29.1"",""DownloadUrl"":{""Global"":""https://127.0.0.1:9/pub/bmc-1.37.1.zip""}}" + intermediate + @"]},
                {""Name"":""BIOS"",""Files"":[{""Version"":""0804"",""Title"":""ESC8000-E12P BIOS 0804"",""ReleaseDate"":""2025/04/18"",""IsRelease"":""1"",""DownloadUrl"":{""Global"":""https://127.0.0.1:9/pub/bios-0804.zip""}}]}]}}");
            return path;
        }

        private static Task<FakeBmcs> TwoStepsBehindAsync() =>
            FakeBmcs.StartAsync(configure: o => o with { BmcVersion = "1.20.0", BackupBmcVersion = "1.20.0", BiosVersion = "0804" });

        private Dictionary<string, object> Variables(string catalog)
        {
            var variables = new Dictionary<string, object>();
            variables["catalog"] = catalog;
            variables["cache"] = Path.Combine(_folder, "packages");
            variables["audit"] = Path.Combine(_folder, "audit.jsonl");
            variables["journal"] = Path.Combine(_folder, "journal");
            return variables;
        }

        [Fact]
        public async Task Get_EscUpgradePath_shows_the_two_step_path_of_a_piped_server_and_writes_nothing()
        {
            await using var fakes = await TwoStepsBehindAsync();
            using var session = ModuleSession.Start();

            var result = session.RunAgainst(fakes, @"
                Get-EscFirmwareVersion @pinned -ComputerName $bmcs | Get-EscUpgradePath -Latest -CatalogPath $catalog", Variables(Catalog()));

            Assert.True(result.Terminating == null && result.Errors.Count == 0, result.Describe());
            var path = Assert.Single(result.OfType("EscFirmware.UpgradePath"));
            Assert.Equal(fakes.First.Address, PSValues.Text(path, "ComputerName"));
            Assert.Equal("1. BMC 1.20.0 -> 1.29.1; 2. BMC 1.29.1 -> 1.37.1", PSValues.Text(path, "Path"));
            Assert.Equal(2, PSValues.Property(path, "StepCount"));
            Assert.Empty(fakes.First.RequestLog.Mutating);
        }

        [Fact]
        public void Get_EscUpgradePath_names_the_missing_intermediate_release_as_an_ObjectNotFound_error()
        {
            using var session = ModuleSession.Start();

            var result = session.Run("Get-EscUpgradePath -Model ESC8000-E12P -BmcVersion 1.20.0 -TargetBmcVersion 1.37.1 -CatalogPath $catalog",
                new Dictionary<string, object> { ["catalog"] = Catalog(withIntermediate: false) });

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("EscUpgradePathMissing", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("Missing intermediate release: BMC 1.29.1", error.Exception.Message);
            Assert.Contains("Get-EscUpgradePath", error.ErrorDetails?.RecommendedAction ?? string.Empty);
        }

        [Fact]
        public async Task Invoke_EscFirmwareUpgrade_WhatIf_prints_the_whole_path_per_server_and_writes_nothing()
        {
            await using var fakes = await TwoStepsBehindAsync();
            using var session = ModuleSession.Start();
            var variables = Variables(Catalog());

            var result = session.RunAgainst(fakes, @"
                Invoke-EscFirmwareUpgrade @pinned -ComputerName $bmcs -Model ESC8000-E12P -Latest `
                    -CatalogPath $catalog -PackageCachePath $cache -AuditPath $audit -JournalPath $journal -WhatIf", variables);

            Assert.True(result.Terminating == null && result.Errors.Count == 0, result.Describe());
            Assert.Contains("step 1 of 2: BMC 1.20.0 -> 1.29.1", result.HostText);
            Assert.Contains("step 2 of 2: BMC 1.29.1 -> 1.37.1", result.HostText);
            var steps = result.OfType("EscFirmware.UpdateResult");
            Assert.Equal(new[] { "1 of 2 WhatIf", "2 of 2 WhatIf" }, steps.Select(s => PSValues.Text(s, "Step") + " " + PSValues.Text(s, "Status")));
            Assert.Equal("WhatIf", PSValues.Text(Assert.Single(result.OfType("EscFirmware.UpgradeSummary")), "Status"));
            Assert.Empty(fakes.First.RequestLog.Mutating);
            Assert.False(Directory.Exists((string)variables["cache"]));
            Assert.False(File.Exists((string)variables["audit"]));
            Assert.False(Directory.Exists((string)variables["journal"]));
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
