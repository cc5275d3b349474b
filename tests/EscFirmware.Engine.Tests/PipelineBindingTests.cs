using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.Engine.Tests.Scenarios;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>Server lists and objects piped into the cmdlets the ways admins pipe them: strings, CSV-like rows, other cmdlets' output.</summary>
    public sealed class PipelineBindingTests
    {
        public static IEnumerable<object[]> BmcCmdlets() => ModuleCommand.Where(c => c.ContactsBmc);

        /// <summary>
        /// Every cmdlet that logs in to BMCs takes them from the pipeline: strings by value, and rows by property name —
        /// ComputerName or its aliases, with the rows' Credential property instead of -Credential. Cmdlets that change
        /// BMCs run with -WhatIf (binding is what is tested) and name each server in a "What if:" line; read-only ones read
        /// each server. A Credential that did not bind would leave the mandatory parameter to a prompt, and fail.
        /// </summary>
        [Theory]
        [MemberData(nameof(BmcCmdlets))]
        public async Task Strings_bind_by_value_and_rows_by_property_name_alias_and_Credential(string cmdlet)
        {
            var command = ModuleCommand.Named(cmdlet);
            var scenario = CmdletScenarios.For(cmdlet);
            await using var lab = await scenario.StartAsync();
            var whatIf = command.SupportsShouldProcess ? " -WhatIf" : string.Empty;
            var feeds = new Dictionary<string, string>
            {
                ["strings"] = "$bmcs | " + scenario.Invocation + whatIf,
            };
            foreach (var column in new[] { "ComputerName", "IPAddress", "BmcAddress", "HostName" })
            {
                feeds[column + " rows"] = "$pinned.Remove('Credential')\n" +
                    "$bmcs | ForEach-Object { [pscustomobject]@{ " + column + " = $_; Credential = $cred; Rack = 'R1' } } | " + scenario.Invocation + whatIf;
            }

            foreach (var (feed, script) in feeds)
            {
                foreach (var server in lab.Servers) server.RequestLog.Clear();
                var result = lab.Run(script);
                Assert.True(result.Errors.Count == 0 && result.Terminating == null, cmdlet + " fed " + feed + ":\n" + result.Describe());
                foreach (var server in lab.Servers)
                {
                    if (!command.SupportsShouldProcess)
                    {
                        Assert.True(server.RequestLog.Entries.Count > 0, cmdlet + " fed " + feed + " never reached " + server.Address);
                        continue;
                    }
                    Assert.Contains(result.HostText.Split('\n'), line => line.StartsWith("What if:") && line.Contains(server.Address));
                    Assert.Empty(server.RequestLog.Mutating);
                }
            }
        }

        /// <summary>One run logs in with one credential: rows with different ones are refused before any BMC is touched.</summary>
        [Fact]
        public async Task Rows_with_different_credentials_are_refused_before_anything_runs()
        {
            await using var fakes = await FakeBmcs.StartAsync(2);
            using var session = ModuleSession.Start();
            var result = session.RunAgainst(fakes, @"
                $other = [pscredential]::new('operator', [System.Net.NetworkCredential]::new('', 'other').SecurePassword)
                @([pscustomobject]@{ BmcAddress = $bmcs[0]; Credential = $cred }, [pscustomobject]@{ BmcAddress = $bmcs[1]; Credential = $other }) |
                    Get-EscFirmwareVersion -CertificateThumbprint $thumbprints");
            var refused = Assert.Single(result.AllErrors);
            Assert.Equal("EscCredentialsDiffer,EscFirmware.Commands.GetEscFirmwareVersionCommand", refused.FullyQualifiedErrorId);
            Assert.Contains("once per credential", refused.ErrorDetails.RecommendedAction);
            Assert.Empty(result.Output);
            foreach (var server in fakes.Servers) Assert.Empty(server.RequestLog.Entries);
        }

        [Fact]
        public async Task FileInfo_objects_bind_to_Test_EscFirmwareImage_through_FullName()
        {
            using var images = new ImageFolder();
            await using var fakes = await FakeBmcs.StartAsync();
            using var session = ModuleSession.Start();
            var result = session.RunAgainst(fakes, "[System.IO.DirectoryInfo]::new($folder).GetFiles('*.hpm') | Test-EscFirmwareImage",
                new Dictionary<string, object> { ["folder"] = images.Root });
            Assert.True(result.Terminating == null, result.Describe());
            var tested = result.OfType("EscFirmware.FirmwareImage").Select(o => Path.GetFileName(PSValues.Text(o, "Path"))).OrderBy(n => n);
            Assert.Equal(new[] { images.BmcImage, images.CorruptImage, images.CorruptBiosImage }.Select(Path.GetFileName).OrderBy(n => n), tested);
        }

        /// <summary>-Image takes only objects named EscFirmware.FirmwareImage (PSTypeName), so an arbitrary row never becomes an image.</summary>
        [Fact]
        public async Task Images_from_Test_EscFirmwareImage_bind_by_value_and_other_objects_do_not()
        {
            using var images = new ImageFolder();
            await using var fakes = await FakeBmcs.StartAsync();
            using var session = ModuleSession.Start();
            var vars = new Dictionary<string, object> { ["image"] = images.BmcImage };
            var piped = session.RunAgainst(fakes, "Test-EscFirmwareImage $image | Invoke-EscBmcUpdate @pinned -ComputerName $bmcs -WhatIf", vars);
            Assert.True(piped.Errors.Count == 0 && piped.Terminating == null, piped.Describe());
            Assert.Contains("What if:", piped.HostText);
            Assert.Contains("1.37.1", piped.HostText);

            var impostor = session.RunAgainst(fakes, "[pscustomobject]@{ Path = $image } | Invoke-EscBmcUpdate @pinned -ComputerName $bmcs -Confirm:$false", vars);
            var refused = Assert.Single(impostor.AllErrors);
            Assert.StartsWith("InputObjectNotBound", refused.FullyQualifiedErrorId);
            FakeBmcAssert.Untouched(fakes.First, "an object that is not an image");
        }
    }
}
