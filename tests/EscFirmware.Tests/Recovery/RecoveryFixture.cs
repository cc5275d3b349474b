using System;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Recovery;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.State;
using EscFirmware.FakeBmc;
using EscFirmware.Tests.Support;

namespace EscFirmware.Tests.Recovery;

/// <summary>What recovery tests share: fast settings aimed at closed loopback ports and a private journal folder, and
/// the journal a killed BIOS update leaves behind.</summary>
public sealed class RecoveryFixture : IDisposable
{
    public const int FwUpdateId = 17;
    public const int BiosComponent = 4;
    public const long StagedLength = 32 * 1024 * 1024;

    public RecoveryFixture()
    {
        JournalPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "escfw-recovery-" + Guid.NewGuid().ToString("N"));
        Settings = new RecoverySettings
        {
            JournalPath = JournalPath,
            SshPort = ClosedTcpPort(),
            KvmPort = ClosedTcpPort(),
            IpmiPort = ClosedUdpPort(),
            PortTimeout = TimeSpan.FromMilliseconds(500),
            IpmiTimeout = TimeSpan.FromMilliseconds(500),
            RequestGap = TimeSpan.FromMilliseconds(20),
            FlashPollInterval = TimeSpan.FromMilliseconds(50),
            FlashTimeout = TimeSpan.FromSeconds(20),
            VerifyTimeout = TimeSpan.FromSeconds(20),
            ExitConfirmAttempts = 5,
            ExitConfirmDelay = TimeSpan.FromMilliseconds(100),
        };
    }

    public string JournalPath { get; }
    public RecoverySettings Settings { get; }

    public static FakeBmcTimings FastWizard => new()
    {
        HpmFlashDuration = TimeSpan.FromMilliseconds(300),
        HpmVerifyDuration = TimeSpan.FromMilliseconds(100),
    };

    public UpdateJournal JournalOf(FakeBmcServer server) => new(JournalPath, FakeTargets.TargetOf(server));

    /// <summary>What a killed <c>escfw update bios</c> leaves: a rescue session opened and update mode entered through the
    /// wizard, both in the journal, and no process left to finish. Returns the FWUPDATEID the fake handed out.</summary>
    public async Task<int> KillBiosUpdateInUpdateModeAsync(FakeBmcServer server, string phase = "Uploading")
    {
        using var connection = FakeTargets.Connect(server);
        var rescue = await AmiWebSession.LoginAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None);
        var answer = await rescue.PutJsonAsync("/api/maintenance/hpm/updatemode", new { }, CancellationToken.None);
        var id = answer.GetProperty("unique_id").GetInt32();
        var journal = JournalOf(server);
        var entry = journal.Begin("Invoke-EscBiosUpdate", "Bios", "/images/ESC8000-E12P-0804.hpm", null, "0603", "0804");
        journal.EnteredUpdateMode(entry, id, rescue.ExportHandle());
        entry.ComponentId = BiosComponent;
        journal.RecordPhase(entry, phase);
        rescue.Abandon(); // the process dies: nobody logs the rescue session out
        server.RequestLog.Clear();
        return id;
    }

    /// <summary>The journal for a BMC started with <see cref="FakeBmcStartState.RescueSession"/> and a staged upload.</summary>
    public void WriteStagedJournal(FakeBmcServer server, bool flashSent = false)
    {
        var handle = server.State.Recovery.RescueSession ?? throw new InvalidOperationException("start the fake with a rescue session");
        var journal = JournalOf(server);
        var entry = journal.Begin("Invoke-EscBiosUpdate", "Bios", "/images/ESC8000-E12P-0804.hpm", null, "0603", "0804");
        journal.EnteredUpdateMode(entry, FwUpdateId, new AmiSessionHandle(handle.Cookie, handle.CsrfToken));
        entry.ComponentId = BiosComponent;
        entry.ComponentDataLength = StagedLength;
        entry.UploadStaged = true;
        entry.FlashSent = flashSent;
        journal.RecordPhase(entry, flashSent ? "Flashing" : "Uploaded");
    }

    /// <summary>Sends <c>hpm/flash</c> for the staged upload through the rescue session, as the killed process did.</summary>
    public static async Task StartFlashAsync(FakeBmcServer server)
    {
        var handle = server.State.Recovery.RescueSession!;
        using var connection = FakeTargets.Connect(server);
        var rescue = AmiWebSession.Attach(connection, new AmiSessionHandle(handle.Cookie, handle.CsrfToken));
        await rescue.PutJsonAsync("/api/maintenance/hpm/flash",
            new { COMPONENT_ID = BiosComponent, COMPONENT_DATA_LEN = StagedLength, FWUPDATEID = FwUpdateId, SECTION_FLASH = 0 }, CancellationToken.None);
        rescue.Abandon();
        server.RequestLog.Clear();
    }

    public static FakeBmcOptions StagedScenario(PowerState power) => new()
    {
        PowerState = power,
        Timings = FastWizard,
        Start = new FakeBmcStartState { RescueSession = true, UpdateModeId = FwUpdateId, StagedComponentId = BiosComponent, StagedDataLength = StagedLength },
    };

    public static string Json(object value) => JsonSerializer.Serialize(value, value.GetType());

    public static int ClosedTcpPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static int ClosedUdpPort()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(JournalPath)) System.IO.Directory.Delete(JournalPath, recursive: true);
    }
}
