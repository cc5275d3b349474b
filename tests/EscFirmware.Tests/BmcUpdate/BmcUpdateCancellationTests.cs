using System;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Updates;
using EscFirmware.FakeBmc;
using EscFirmware.FakeBmc.SupportSite;
using Xunit;

namespace EscFirmware.Tests.BmcUpdate;

/// <summary>Ctrl+C in every phase: no session left, never a second upload; after the upload, only the waiting stops.</summary>
public sealed class BmcUpdateCancellationTests
{
    [Theory]
    [InlineData(": PreFlight: ", false)]
    [InlineData("Upload: sent", false)]
    [InlineData(": Monitor: ", true)]
    [InlineData(": RebootWait: ", true)]
    public async Task Stopping_leaves_no_session_and_never_uploads_twice(string trigger, bool afterUpload)
    {
        var options = BmcUpdateHarness.FastOptions() with
        {
            Timings = new FakeBmcTimings
            {
                FlashStepDuration = TimeSpan.FromMilliseconds(30),
                BmcRebootDuration = TimeSpan.FromMilliseconds(300),
                UploadChunkDelay = TimeSpan.FromMilliseconds(5),
            },
        };
        await using var bmc = await BmcUpdateHarness.StartAsync(options);
        var image = bmc.WriteImage(HpmImageSpec.Bmc("1.37.1", appLength: 2 * 1024 * 1024));
        using var cancel = new CancellationTokenSource();
        var sink = new CancellingSink(trigger, cancel);

        var (result, records) = bmc.Run(image, sink: sink, cancellationToken: cancel.Token);

        Assert.Equal(UpdateStatus.Failed, result.Status);
        Assert.Equal("EscOperationStopped", result.ErrorId);
        var update = bmc.Server.State.RedfishUpdate;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (update.IsUpdating && DateTime.UtcNow < deadline) await Task.Delay(20);
        await bmc.AssertCleanAsync();
        Assert.False(update.IsUpdating);
        if (afterUpload)
        {
            Assert.Equal(1, update.UploadCount);
            Assert.Contains(records.Warnings, w => w.Contains("continues the update on its own", StringComparison.Ordinal) && w.Contains(result.TaskUri!, StringComparison.Ordinal));
            Assert.Equal("1.37.1", bmc.Server.State.BmcVersion);
        }
        else
        {
            Assert.Contains("Nothing was flashed", result.Message);
            Assert.Equal("1.29.1", bmc.Server.State.BmcVersion);
            Assert.DoesNotContain(bmc.Server.RequestLog.Entries, e => e.Path.EndsWith("/upload", StringComparison.Ordinal) && e.StatusCode == 202);
        }
    }
}
