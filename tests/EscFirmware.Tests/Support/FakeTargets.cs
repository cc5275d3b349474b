using System;
using System.Linq;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;
using EscFirmware.FakeBmc;

namespace EscFirmware.Tests.Support;

/// <summary>Builds requests aimed at fake BMCs, with settings small enough for tests to run in seconds.</summary>
public static class FakeTargets
{
    public static BmcConnectionSettings FastSettings() => new()
    {
        RequestTimeout = TimeSpan.FromSeconds(10),
        ReadRetryAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        ReadDeadline = TimeSpan.FromSeconds(20),
        LogoutTimeout = TimeSpan.FromSeconds(5),
    };

    public static BmcTarget TargetOf(FakeBmcServer server) => BmcTarget.Parse(server.Address);

    public static BmcCredential CredentialOf(FakeBmcServer server) =>
        BmcCredential.FromPlainText(server.Options.UserName, server.Options.Password);

    public static BmcFleetRequest Request(FakeBmcServer server, TlsPolicy? tls = null, int throttle = 5) =>
        new(new[] { TargetOf(server) }, CredentialOf(server), tls ?? TlsPolicy.Pin(server.CertificateSha256), FastSettings(), throttle);

    public static BmcFleetRequest Request(FakeBmcFleet fleet, int throttle = 5) =>
        new(fleet.Servers.Select(TargetOf), CredentialOf(fleet.Servers[0]), TlsPolicy.SkipCheck, FastSettings(), throttle);

    public static BmcConnection Connect(FakeBmcServer server) =>
        new(TargetOf(server), TlsPolicy.Pin(server.CertificateSha256), FastSettings());
}
