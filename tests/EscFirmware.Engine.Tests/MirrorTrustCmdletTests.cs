using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Engine.Tests.Hosting;
using EscFirmware.FakeBmc.SupportSite;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    /// <summary>
    /// The cmdlet twins of escfw's mirror options in the hosted engine: an internal mirror with a private CA refused by
    /// default in PowerShell's words, trusted with -CaCertificatePath or -MirrorCertificateThumbprint, and
    /// Save-EscFirmwarePackage -PackageCachePath filling the cache in the layout Invoke-EscFirmwareUpgrade reads.
    /// </summary>
    public sealed class MirrorTrustCmdletTests : IAsyncLifetime
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "escfw-engine-mirror-" + Guid.NewGuid().ToString("N"));
        private FakeSupportSite _mirror = null!;

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(_folder);
            _mirror = await FakeSupportSite.StartAsync(new FakeSupportSiteOptions { PrivateCa = true });
        }

        public async Task DisposeAsync()
        {
            await _mirror.DisposeAsync();
            Directory.Delete(_folder, recursive: true);
        }

        private Dictionary<string, object> Variables() => new Dictionary<string, object>
        {
            ["site"] = _mirror.BaseUri,
            ["ca"] = _mirror.WriteCaCertificate(Path.Combine(_folder, "mirror-ca.pem")),
            ["pin"] = _mirror.CertificateSha256,
            ["cache"] = Path.Combine(_folder, "packages"),
        };

        [Fact]
        public void Find_EscFirmware_refuses_the_private_CA_in_PowerShell_words_and_trusts_it_with_CaCertificatePath_or_the_pin()
        {
            using var session = ModuleSession.Start();

            var refused = session.Run("Find-EscFirmware ESC8000-E12P -CatalogUri $site -Api Legacy", Variables());
            var trusted = session.Run("Find-EscFirmware ESC8000-E12P -CatalogUri $site -Api Legacy -CaCertificatePath $ca", Variables());
            var pinned = session.Run("Find-EscFirmware ESC8000-E12P -CatalogUri $site -Api Legacy -MirrorCertificateThumbprint $pin", Variables());

            var error = Assert.Single(refused.Errors);
            Assert.StartsWith("EscCatalogUnreachable", error.FullyQualifiedErrorId);
            Assert.Contains("is not trusted", error.Exception.Message);
            Assert.Contains("-CaCertificatePath", error.ErrorDetails?.RecommendedAction ?? string.Empty);
            Assert.Contains("-MirrorCertificateThumbprint " + _mirror.CertificateSha256, error.ErrorDetails?.RecommendedAction ?? string.Empty);
            Assert.DoesNotContain("--", error.ErrorDetails?.RecommendedAction ?? string.Empty);
            Assert.True(trusted.Errors.Count == 0, trusted.Describe());
            Assert.Contains(trusted.OfType("EscFirmware.Release"), r => PSValues.Text(r, "Version") == "0804");
            Assert.True(pinned.Errors.Count == 0, pinned.Describe());
        }

        [Fact]
        public void Save_EscFirmwarePackage_PackageCachePath_fills_the_cache_in_the_upgrade_layout()
        {
            using var session = ModuleSession.Start();
            var variables = Variables();

            var result = session.Run("Find-EscFirmware ESC8000-E12P -Component Bios -CatalogUri $site -Api Legacy -CaCertificatePath $ca | " +
                "Save-EscFirmwarePackage -PackageCachePath $cache -CaCertificatePath $ca -Confirm:$false", variables);

            Assert.True(result.Terminating == null && result.Errors.Count == 0, result.Describe());
            var folder = Path.Combine((string)variables["cache"], "ESC8000-E12P", "Bios", "0804");
            Assert.Single(Directory.GetFiles(folder, "*.zip"));
            Assert.Single(Directory.GetFiles(folder, "*.zip.sha256"));
            var image = Assert.Single(result.OfType("EscFirmware.FirmwareImage"));
            Assert.StartsWith(folder, PSValues.Text(image, "Path"));
        }
    }
}
