using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Updates.Bmc;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using EscFirmware.Tests.Hpm;
using EscFirmware.Tests.Support;
using Xunit;

namespace EscFirmware.Tests.BmcUpdate;

/// <summary>The multipart push itself: every byte of the file arrives, with a Content-Length (the fake answers a chunked
/// upload 411, as one real service does), and progress climbs block by block to the file's length.</summary>
public sealed class MultipartImageUploadTests
{
    [Fact]
    public async Task The_file_arrives_byte_exact_with_a_content_length_and_progress_reaches_its_length()
    {
        using var folder = new TempDirectory();
        var image = folder.File("bmc.hpm");
        // Not a multiple of the block size: the last block is a short one.
        HpmImageWriter.WriteFile(HpmImageSpec.Bmc("1.37.1", appLength: (3 << 20) + 12345), image);
        await using var server = await FakeBmcServer.StartAsync(new FakeBmcOptions());
        using var connection = FakeTargets.Connect(server);
        var session = await Core.Sessions.RedfishSession.OpenAsync(connection, FakeTargets.CredentialOf(server), CancellationToken.None);
        var progress = new List<(long Sent, long Total)>();
        try
        {
            var task = await MultipartImageUpload.SendAsync(session, "/redfish/v1/UpdateService/upload",
                "/redfish/v1/UpdateService/FirmwareInventory/BMCImage1", image, TimeSpan.FromMinutes(1), (sent, total) => progress.Add((sent, total)), CancellationToken.None);
            Assert.NotNull(task);
        }
        finally
        {
            await session.CloseAsync();
        }

        var length = new FileInfo(image).Length;
        Assert.Equal(length, server.State.RedfishUpdate.LastUploadBytes);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(image))), server.State.RedfishUpdate.LastUploadSha256);
        Assert.True(progress.Count >= 4, "progress came in " + progress.Count + " steps");
        Assert.Equal(progress.Select(p => p.Sent).OrderBy(s => s), progress.Select(p => p.Sent));
        Assert.Equal((length, length), progress.Last());
    }
}
