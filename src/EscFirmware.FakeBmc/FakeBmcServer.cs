using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.FakeBmc.Hosting;
using Microsoft.AspNetCore.Builder;

namespace EscFirmware.FakeBmc;

/// <summary>A fake ESC8000 BMC: Redfish and the AMI web API over HTTPS on 127.0.0.1, with its own self-signed
/// certificate. <see cref="FakeBmcState.Reboot"/> takes it off the network and back on the same port.</summary>
public sealed class FakeBmcServer : IAsyncDisposable
{
    private const int RebindAttempts = 40;
    private static readonly TimeSpan RebindPause = TimeSpan.FromMilliseconds(50);

    private readonly TimeProvider _clock;
    private readonly object _rebootGate = new();
    private readonly CancellationTokenSource _disposing = new();
    private WebApplication? _app;
    private Task _rebooting = Task.CompletedTask;

    private FakeBmcServer(
        FakeBmcOptions options, FakeBmcState state, RequestLog log, X509Certificate2 certificate, WebApplication app, IReadOnlyList<int> ports, TimeProvider clock)
    {
        RequestLog = log;
        Options = options;
        State = state;
        Certificate = certificate;
        _app = app;
        Port = ports[0];
        MirrorPorts = ports.Skip(1).ToList();
        _clock = clock;
        State.RebootRequested += OnRebootRequested;
        State.Recovery.ApplyStart(State);
    }

    public FakeBmcOptions Options { get; }
    public FakeBmcState State { get; }
    public RequestLog RequestLog { get; }
    public X509Certificate2 Certificate { get; }
    /// <summary>SHA-256 of the certificate, upper-case hex: what a client pins.</summary>
    public string CertificateSha256 => Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
    public int Port { get; }
    /// <summary>The further ports of <see cref="FakeBmcOptions.MirrorPorts"/>, each serving this same BMC.</summary>
    public IReadOnlyList<int> MirrorPorts { get; }
    /// <summary>"127.0.0.1:PORT", the host form the cmdlets take.</summary>
    public string Address => $"127.0.0.1:{Port}";
    public Uri BaseUri => new($"https://127.0.0.1:{Port}/");

    /// <summary>Completes when no simulated reboot is in progress (the BMC answers again).</summary>
    public Task WhenUpAsync()
    {
        lock (_rebootGate) { return _rebooting; }
    }

    public static async Task<FakeBmcServer> StartAsync(FakeBmcOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = TimeProvider.System;
        var certificate = SelfSignedCertificate.Create();
        var state = new FakeBmcState(options, clock);
        var log = new RequestLog();
        var app = FakeBmcApp.Build(options, state, log, certificate, [options.Port, .. new int[Math.Max(0, options.MirrorPorts)]], clock);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            certificate.Dispose();
            throw;
        }
        return new FakeBmcServer(options, state, log, certificate, app, FakeBmcApp.BoundPorts(app), clock);
    }

    public async ValueTask DisposeAsync()
    {
        State.RebootRequested -= OnRebootRequested;
        await _disposing.CancelAsync();
        try
        {
            await WhenUpAsync();
        }
        catch (OperationCanceledException)
        {
            // Disposed while down: nothing is listening.
        }
        await StopCurrentAsync();
        Certificate.Dispose();
        _disposing.Dispose();
    }

    private void OnRebootRequested()
    {
        lock (_rebootGate)
        {
            if (_rebooting.IsCompleted && !_disposing.IsCancellationRequested)
            {
                _rebooting = Task.Run(RebootAsync);
            }
        }
    }

    /// <summary>Stops listening (connections refused), waits out the window, then listens again on the same port.
    /// A reboot requested while down only lengthens the window.</summary>
    private async Task RebootAsync()
    {
        var ct = _disposing.Token;
        await StopCurrentAsync();
        while (true)
        {
            var remaining = State.DownUntil - _clock.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, _clock, ct);
            }
            _app = await StartOnSamePortAsync(ct);
            if (!State.IsDown)
            {
                return;
            }
            await StopCurrentAsync();
        }
    }

    private async Task<WebApplication> StartOnSamePortAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var app = FakeBmcApp.Build(Options, State, RequestLog, Certificate, [Port, .. MirrorPorts], _clock);
            try
            {
                await app.StartAsync(ct);
                return app;
            }
            catch (IOException) when (attempt < RebindAttempts)
            {
                await app.DisposeAsync();
                await Task.Delay(RebindPause, _clock, ct);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
    }

    private async Task StopCurrentAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
