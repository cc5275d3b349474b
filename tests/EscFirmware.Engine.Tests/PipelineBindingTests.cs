using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Fakes;
using EscFirmware.Engine.Tests.Hosting;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>Server lists and objects piped into the cmdlets the ways admins pipe them: strings, CSV-like rows, other cmdlets' output.</summary>
    public sealed class PipelineBindingTests
    {
        [Fact]
        public async Task Strings_bind_by_value()
        {
            await using var fakes = await FakeBmcs.StartAsync(2);
            using var session = ModuleSession.Start();
            var result = session.RunAgainst(fakes, "$bmcs | Get-EscFirmwareVersion @pinned");
            Assert.True(result.Errors.Count == 0 && result.Terminating == null, result.Describe());
            Assert.Equal(fakes.Servers.Select(s => s.Address).OrderBy(a => a), result.Output.Select(o => PSValues.Text(o, "ComputerName")).OrderBy(a => a));
        }

        [Theory]
        [InlineData("ComputerName")]
        [InlineData("IPAddress")]
        [InlineData("BmcAddress")]
        [InlineData("HostName")]
        [InlineData("CN")]
        [InlineData("PSComputerName")]
        public async Task Rows_bind_by_property_name_and_alias(string column)
        {
            await using var fakes = await FakeBmcs.StartAsync(2);
            using var session = ModuleSession.Start();
            var result = session.RunAgainst(fakes,
                "$bmcs | ForEach-Object { [pscustomobject]@{ $column = $_; Rack = 'R1' } } | Get-EscFirmwareVersion @pinned",
                new Dictionary<string, object> { ["column"] = column });
            Assert.True(result.Errors.Count == 0 && result.Terminating == null, result.Describe());
            Assert.Equal(2, result.OfType("EscFirmware.FirmwareVersion").Count);
        }

        [Fact]
        public async Task A_Credential_property_on_the_rows_binds_without_a_Credential_argument()
        {
            await using var fakes = await FakeBmcs.StartAsync(2);
            using var session = ModuleSession.Start();
            var result = session.RunAgainst(fakes,
                "$bmcs | ForEach-Object { [pscustomobject]@{ BmcAddress = $_; Credential = $cred } } | Get-EscFirmwareVersion -CertificateThumbprint $thumbprints");
            Assert.True(result.Errors.Count == 0 && result.Terminating == null, result.Describe());
            Assert.Equal(2, result.OfType("EscFirmware.FirmwareVersion").Count);
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
