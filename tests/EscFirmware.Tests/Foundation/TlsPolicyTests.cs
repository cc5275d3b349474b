using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.Foundation;

public sealed class TlsPolicyTests
{
    [Fact]
    public async Task The_default_refuses_a_self_signed_certificate_and_names_its_thumbprint()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var sink = new RecordingSink();

        new FirmwareVersionReport(FakeTargets.Request(server, TlsPolicy.Validate)).Run(sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal("EscBmcCertificateUntrusted", error.ErrorId);
        Assert.Equal(ErrorKind.SecurityError, error.Kind);
        Assert.Contains(server.CertificateSha256, error.Message, System.StringComparison.OrdinalIgnoreCase);
        Assert.Empty(server.RequestLog.Entries);
    }

    [Fact]
    public async Task Skipping_the_check_works_and_warns()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var sink = new RecordingSink();

        new FirmwareVersionReport(FakeTargets.Request(server, TlsPolicy.SkipCheck)).Run(sink, CancellationToken.None);

        Assert.Single(sink.OfType<EscFirmwareVersion>());
        Assert.Contains(sink.Warnings, w => w.Contains("not checked"));
    }

    [Fact]
    public async Task The_pinned_thumbprint_is_accepted_in_any_notation()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var colonSeparated = string.Join(":", Enumerable.Range(0, 32).Select(i => server.CertificateSha256.Substring(i * 2, 2))).ToLowerInvariant();
        var sink = new RecordingSink();

        new FirmwareVersionReport(FakeTargets.Request(server, TlsPolicy.Pin(colonSeparated))).Run(sink, CancellationToken.None);

        Assert.Empty(sink.Errors);
        Assert.Single(sink.OfType<EscFirmwareVersion>());
        Assert.Empty(sink.Warnings);
    }

    [Fact]
    public async Task A_wrong_thumbprint_is_refused_before_any_request()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var sink = new RecordingSink();

        new FirmwareVersionReport(FakeTargets.Request(server, TlsPolicy.Pin(new string('A', 64)))).Run(sink, CancellationToken.None);

        Assert.Equal("EscBmcCertificateThumbprintMismatch", Assert.Single(sink.Errors).ErrorId);
        Assert.Empty(server.RequestLog.Entries);
    }

    [Fact]
    public async Task Policies_are_per_client_not_process_wide()
    {
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        var lax = new RecordingSink();
        var strict = new RecordingSink();

        new FirmwareVersionReport(FakeTargets.Request(server, TlsPolicy.SkipCheck)).Run(lax, CancellationToken.None);
        new FirmwareVersionReport(FakeTargets.Request(server, TlsPolicy.Validate)).Run(strict, CancellationToken.None);

        Assert.Single(lax.OfType<EscFirmwareVersion>());
        Assert.Equal("EscBmcCertificateUntrusted", Assert.Single(strict.Errors).ErrorId);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("ZZ00000000000000000000000000000000000000000000000000000000000000")]
    public void A_malformed_thumbprint_is_an_argument_error(string thumbprint)
    {
        var error = Assert.Throws<EscFirmwareException>(() => TlsPolicy.Pin(thumbprint));
        Assert.Equal("EscInvalidCertificateThumbprint", error.ErrorId);
    }

    [Fact]
    public void Skip_and_pin_together_are_refused()
    {
        Assert.Equal("EscConflictingTlsOptions", Assert.Throws<EscFirmwareException>(() => TlsPolicy.From(true, new string('A', 64))).ErrorId);
    }
}
