using System;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Updates.Generic;
using EscFirmware.FakeBmc;

namespace EscFirmware.Tests.GenericRedfish;

/// <summary>Fake non-AMI BMCs and update options fast enough for a full update in a few seconds.</summary>
internal static class GenericBmc
{
    public static FakeBmcOptions Dmtf(DmtfPersonaOptions? dmtf = null) => FakeBmcOptions.ForPersona(FakePersona.GenericDmtf) with
    {
        Dmtf = dmtf ?? new DmtfPersonaOptions(),
        Timings = new FakeBmcTimings
        {
            FlashStepDuration = TimeSpan.FromMilliseconds(400),
            BmcRebootDuration = TimeSpan.FromSeconds(1),
            BiosPostDuration = TimeSpan.FromMilliseconds(500),
        },
    };

    /// <summary>One journal folder for these tests, never the user's: each fake's own port names its journal file.</summary>
    public static readonly string JournalFolder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "escfw-tests-generic-journal");

    public static GenericUpdateOptions Update(FirmwareComponent component, string? path = null, string? uri = null, string? expected = null) => new()
    {
        Component = component,
        ImagePath = path,
        ImageUri = uri,
        ExpectedVersion = expected,
        Settings = new GenericUpdateSettings
        {
            TaskPollInterval = TimeSpan.FromMilliseconds(100),
            VerifyPollInterval = TimeSpan.FromMilliseconds(200),
            TaskTimeout = TimeSpan.FromSeconds(20),
            VerifyTimeout = TimeSpan.FromSeconds(20),
            UploadTimeout = TimeSpan.FromSeconds(30),
            StateFolder = JournalFolder,
        },
    };
}
