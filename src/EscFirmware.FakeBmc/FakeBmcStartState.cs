using System;

namespace EscFirmware.FakeBmc;

/// <summary>How the fake BMC is found when it starts: the states an operator meets at 2 a.m. (recovery scenarios).
/// Everything defaults to a healthy, idle BMC.</summary>
public sealed record FakeBmcStartState
{
    /// <summary>Web sessions another client left open at start (forgotten browser tabs); equal to
    /// <see cref="FakeBmcOptions.MaxWebSessions"/> means the table is full and logins get code 15000.</summary>
    public int OpenWebSessions { get; init; }

    /// <summary>Opens one admin web session before anything else (the rescue session a killed BIOS update left);
    /// its handle is <see cref="FakeBmcRecovery.RescueSession"/>.</summary>
    public bool RescueSession { get; init; }

    /// <summary>Latched in HPM update mode with this FWUPDATEID (web logins 1348, Redfish 503), as an abandoned
    /// wizard leaves it. Applied after the rescue session is opened, so that session survives.</summary>
    public int? UpdateModeId { get; init; }

    /// <summary>With <see cref="UpdateModeId"/>: this component's upload arrived (<c>oemfw</c> done) but <c>hpm/flash</c> was
    /// never sent, so <c>upgradestatus</c> answers 1442 (spec a.3, c). 4 = the ESC8000's BIOS ("OEM") component.</summary>
    public int? StagedComponentId { get; init; }

    /// <summary>The staged upload's COMPONENT_DATA_LEN.</summary>
    public long StagedDataLength { get; init; } = 32 * 1024 * 1024;

    /// <summary>Starts in a reboot: off the network (connections refused) for this long, then up.</summary>
    public TimeSpan RebootingFor { get; init; }

    /// <summary>Starts booting, as after a reboot or an AC cycle: HTTPS takes connections and closes them before any
    /// answer for this long (the services behind the web server still starting), then the BMC answers.</summary>
    public TimeSpan BootingFor { get; init; }
}
