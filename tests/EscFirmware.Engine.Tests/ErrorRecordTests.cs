using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.Engine.Tests.Scenarios;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>
    /// Bad input as users meet it, for every cmdlet that talks to a BMC and every cmdlet that takes an image (found through
    /// Get-Command): each error record carries a stable FullyQualifiedErrorId, a fitting category, the server or file it is
    /// about and a next step in PowerShell's words; -ErrorAction Stop ends the script with the same id; no secret shows;
    /// nothing on the BMC changes.
    /// </summary>
    public sealed class ErrorRecordTests
    {
        private static readonly Regex EscfwFlag = new Regex(@"(?<![\w-])--[a-z][a-z-]+");

        /// <summary>What goes wrong: the script lines that set it up before the cmdlet runs, the error id, category and target.</summary>
        private static readonly IReadOnlyDictionary<string, (string Setup, string ErrorId, ErrorCategory Category, string Target)> Problems =
            new Dictionary<string, (string, string, ErrorCategory, string)>
            {
                ["wrong password"] = ("$pinned.Credential = [pscredential]::new($user, [System.Net.NetworkCredential]::new('', 'Not-' + $password).SecurePassword)",
                    "EscBmcAuthenticationFailed", ErrorCategory.AuthenticationError, "bmc"),
                ["untrusted certificate"] = ("$pinned.Remove('CertificateThumbprint')", "EscBmcCertificateUntrusted", ErrorCategory.SecurityError, "bmc"),
                ["certificate not the pinned one"] = ("$pinned.CertificateThumbprint = 'AB' * 32", "EscBmcCertificateThumbprintMismatch", ErrorCategory.SecurityError, "bmc"),
                ["bad address"] = ("$bmcs = @('bmc01:99999')", "EscInvalidBmcAddress", ErrorCategory.InvalidArgument, "bmc01:99999"),
            };

        /// <summary>Get-EscBmcState diagnoses: what it cannot reach or log in to is its answer (a BmcState with a remedy), not an error.</summary>
        private const string Diagnosis = "Get-EscBmcState";

        public static IEnumerable<object[]> BmcCases() =>
            ModuleCommand.All.Where(c => c.ContactsBmc).SelectMany(c => Problems.Keys.Select(problem => new object[] { c.Name, problem }));

        public static IEnumerable<object[]> ImageCmdlets() => ModuleCommand.Where(c => c.TakesImage);

        /// <summary>
        /// Each image-taking cmdlet given a corrupt image: an HPM image with a wrong MD5, or zeros for the images only the
        /// BMC can judge. Refused before anything is sent, except by the iLO (it is sent, refused there and not kept).
        /// </summary>
        private static readonly IReadOnlyDictionary<string, (string Script, string ErrorId, ErrorCategory Category, string Target, bool SentToBmc)> CorruptImages =
            new Dictionary<string, (string, string, ErrorCategory, string, bool)>
            {
                ["Test-EscFirmwareImage"] = ("Test-EscFirmwareImage -Path $corrupt -Strict", "EscInvalidFirmwareImage", ErrorCategory.InvalidData, "corrupt", false),
                ["Invoke-EscBmcUpdate"] = (Corrupted("Invoke-EscBmcUpdate", "$bmcImage", "$corrupt"), "EscInvalidFirmwareImage", ErrorCategory.InvalidData, "bmc", false),
                ["Invoke-EscBiosUpdate"] = (Corrupted("Invoke-EscBiosUpdate", "$biosImage", "$corruptBios"), "EscInvalidFirmwareImage", ErrorCategory.InvalidData, "corruptBios", false),
                ["Invoke-EscFirmwareUpgrade"] = (Corrupted("Invoke-EscFirmwareUpgrade", "$bmcImage", "$corrupt"), "EscInvalidFirmwareImage", ErrorCategory.InvalidData, "corrupt", false),
                ["Invoke-EscRedfishUpdate"] = (Corrupted("Invoke-EscRedfishUpdate", "$dmtfImage", "$zeroFilled"), "EscImageUnusable", ErrorCategory.InvalidArgument, "bmc", false),
                ["Add-EscRepositoryComponent"] = (Corrupted("Add-EscRepositoryComponent", "$iloImage", "$zeroFilled"), "EscIloUploadFailed", ErrorCategory.InvalidData, "bmc", true),
            };

        [Fact]
        public void Every_cmdlet_that_talks_to_a_BMC_or_takes_an_image_has_a_row()
        {
            var bmcCmdlets = ModuleCommand.All.Where(c => c.ContactsBmc).Select(c => c.Name).ToList();
            Assert.Contains("Get-EscFirmwareInventory", bmcCmdlets);
            var missing = bmcCmdlets.Where(name => !CmdletScenarios.All.ContainsKey(name))
                .Concat(ModuleCommand.All.Where(c => c.TakesImage && !CorruptImages.ContainsKey(c.Name)).Select(c => c.Name + " (corrupt image)")).ToList();
            Assert.True(missing.Count == 0, "Give these cmdlets a row (CmdletScenarios.All, CorruptImages): " + string.Join(", ", missing));
        }

        [Theory]
        [MemberData(nameof(BmcCases))]
        public async Task A_BMC_failure_is_an_error_record_with_id_category_target_and_next_step_and_Stop_keeps_the_id(string cmdlet, string problem)
        {
            var scenario = CmdletScenarios.For(cmdlet);
            var (setup, errorId, category, target) = Problems[problem];
            await using var lab = await Lab.StartAsync(scenario.Persona, 1);
            var script = "$ConfirmPreference = 'None'\n" + setup + "\n" + scenario.Pipeline;
            if (cmdlet == Diagnosis && errorId == "EscBmcAuthenticationFailed")
            {
                AssertDiagnosed(lab.Run(script), cmdlet + ", " + problem, "Unknown");
                return;
            }
            AssertFailsWith(lab, cmdlet + ", " + problem, script, null, errorId + "," + ModuleCommand.Named(cmdlet).ImplementingType, category,
                target == "bmc" ? lab.First.Address : target);
        }

        /// <summary>
        /// A closed port: the login is retried as for a booting BMC (about half a minute, LoginRetryAttempts), so every
        /// cmdlet runs at once, each in its own engine, with and without -ErrorAction Stop.
        /// </summary>
        [Fact]
        public async Task An_unreachable_BMC_is_an_error_record_for_every_cmdlet_and_Stop_keeps_the_id()
        {
            await using var lab = await Lab.StartAsync();
            var runs = new List<(ModuleCommand Command, bool Stop, string Closed, ModuleSession Session, RunningScript Running)>();
            var ports = new List<RefusingPort>();
            try
            {
                foreach (var command in ModuleCommand.All.Where(c => c.ContactsBmc))
                {
                    foreach (var stop in new[] { false, true })
                    {
                        // A port of its own: two runs on one address would meet at the BMC's lock.
                        var port = new RefusingPort();
                        ports.Add(port);
                        var closed = port.Address;
                        var variables = lab.Images.Variables();
                        variables["closed"] = closed;
                        var session = ModuleSession.Start();
                        var script = "$ConfirmPreference = 'None'\n$bmcs = @($closed)\n" + CmdletScenarios.For(command.Name).Pipeline + " -TimeoutSec 5" + (stop ? " -ErrorAction Stop" : string.Empty);
                        runs.Add((command, stop, closed, session, session.BeginAgainst(lab.Fakes, script, variables)));
                    }
                }
                foreach (var (command, stop, closed, _, running) in runs)
                {
                    var result = running.Wait(TimeSpan.FromMinutes(3));
                    var what = command.Name + ", unreachable" + (stop ? ", -ErrorAction Stop" : string.Empty);
                    if (command.Name == Diagnosis)
                    {
                        AssertDiagnosed(result, what, "Unreachable");
                        continue;
                    }
                    var error = stop ? result.TerminatingRecord : Assert.Single(result.Errors);
                    Assert.True(error != null && (!stop || result.Terminating is ActionPreferenceStopException), what + ":\n" + result.Describe());
                    AssertRecord(error!, what, "EscBmcUnreachable," + command.ImplementingType, ErrorCategory.ConnectionError, closed);
                }
            }
            finally
            {
                foreach (var (_, _, _, session, running) in runs)
                {
                    running.Dispose();
                    session.Dispose();
                }
                foreach (var port in ports) port.Dispose();
            }
        }

        [Theory]
        [MemberData(nameof(ImageCmdlets))]
        public async Task A_corrupt_image_is_an_error_record_with_id_category_target_and_next_step_and_Stop_keeps_the_id(string cmdlet)
        {
            Assert.True(CorruptImages.ContainsKey(cmdlet), cmdlet + " has no corrupt-image row");
            var (script, errorId, category, target, sentToBmc) = CorruptImages[cmdlet];
            var persona = CmdletScenarios.All.TryGetValue(cmdlet, out var scenario) ? scenario.Persona : FakeBmc.FakePersona.AmiEsc8000;
            await using var lab = await Lab.StartAsync(persona, 1);
            var expectedTarget = target == "bmc" ? lab.First.Address : (string)lab.Images.Variables()[target];

            AssertFailsWith(lab, cmdlet + ", corrupt image", "$ConfirmPreference = 'None'\n" + script, null, errorId + "," + ModuleCommand.Named(cmdlet).ImplementingType,
                category, expectedTarget, sentToBmc);
        }

        /// <summary>
        /// Runs the script as it is (the error is non-terminating: the script goes on) and with -ErrorAction Stop (it ends
        /// with the same record), and checks the record, the absence of secrets, and that the BMC is as it was.
        /// </summary>
        private static void AssertFailsWith(Lab lab, string what, string script, IDictionary<string, object>? variables, string errorId, ErrorCategory category, string target,
            bool sentToBmc = false)
        {
            var continued = lab.Run(script, variables);
            Assert.True(continued.Terminating == null, what + ":\n" + continued.Describe());
            var error = Assert.Single(continued.Errors);
            AssertRecord(error, what + "\n" + continued.Describe(), errorId, category, target);
            NoSecretIn(continued, lab.First.Options.Password);

            var stopped = lab.Run(script + " -ErrorAction Stop", variables);
            Assert.True(stopped.Terminating is ActionPreferenceStopException, what + " with -ErrorAction Stop:\n" + stopped.Describe());
            Assert.Equal(errorId, stopped.TerminatingRecord!.FullyQualifiedErrorId);
            if (!sentToBmc)
            {
                FakeBmcAssert.Untouched(lab.First, what);
                return;
            }
            FakeBmcAssert.LeftClean(lab.First, null, what);
            Assert.Equal(lab.First.Options.BmcVersion, lab.First.State.BmcVersion);
            Assert.Empty(lab.First.State.Ilo.Components());
        }

        private static void AssertRecord(ErrorRecord error, string what, string errorId, ErrorCategory category, string target)
        {
            Assert.True(errorId == error.FullyQualifiedErrorId, what + ": " + error.FullyQualifiedErrorId);
            Assert.True(category == error.CategoryInfo.Category, what + ": category " + error.CategoryInfo.Category);
            Assert.Equal(target, PSValues.Unwrap(error.TargetObject)?.ToString());
            AssertNextStepInPowerShellWords(error.ErrorDetails?.RecommendedAction, what);
        }

        /// <summary>Get-EscBmcState's answer to a BMC it cannot read: a state that says so and a next step, and no error.</summary>
        private static void AssertDiagnosed(ScriptResult result, string what, string state)
        {
            Assert.True(result.Terminating == null && result.Errors.Count == 0, what + ":\n" + result.Describe());
            var answer = Assert.Single(result.OfType("EscFirmware.BmcState"));
            Assert.Equal(state, PSValues.Text(answer, "State"));
            AssertNextStepInPowerShellWords(PSValues.Text(answer, "Remedy"), what);
        }

        private static void AssertNextStepInPowerShellWords(string? next, string what)
        {
            Assert.False(string.IsNullOrWhiteSpace(next), what + " has no next step");
            Assert.False(EscfwFlag.IsMatch(next!) || next!.Contains("escfw "), what + ": the next step is in escfw's words: " + next);
        }

        private static string Corrupted(string cmdlet, string image, string corrupt) =>
            CmdletScenarios.For(cmdlet).Pipeline.Replace(image, corrupt, System.StringComparison.Ordinal);

        private static void NoSecretIn(ScriptResult result, string password)
        {
            var text = result.Describe() + string.Join("\n", result.Errors.Select(e => e.Exception + " " + e.ErrorDetails?.Message));
            Assert.DoesNotContain(password, text);
        }
    }
}
