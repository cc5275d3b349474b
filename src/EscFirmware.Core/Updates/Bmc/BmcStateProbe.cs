using System;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>
    /// After a failure: what is the BMC doing now? Read-only, bounded, and run even after Ctrl+C, so that the result
    /// says whether the BMC is idle, still flashing or away, instead of guessing (and never re-sending anything).
    /// </summary>
    internal static class BmcStateProbe
    {
        public static async Task<string> DescribeAsync(BmcConnection connection, RedfishSession? session, BmcCredential credential, string managerPath, string updateServicePath, TimeSpan bound)
        {
            using (var limit = new CancellationTokenSource(bound))
            {
                RedfishSession? own = null;
                try
                {
                    if (session == null || !session.IsOpen)
                    {
                        own = await RedfishSession.OpenAsync(connection, credential, limit.Token).ConfigureAwait(false);
                        session = own;
                    }
                    var service = await RedfishDiscovery.ReadUpdateServiceAsync(session, updateServicePath, limit.Token).ConfigureAwait(false);
                    var manager = await session.GetAsync(managerPath, limit.Token).ConfigureAwait(false);
                    var status = BmcTargetCheck.IsIdle(service.UpdateStatus)
                        ? "not updating"
                        : "updating (UpdateStatus " + service.UpdateStatus + (service.FlashPercentage != null ? ", " + service.FlashPercentage : string.Empty) + ")";
                    return "The BMC is " + status + " and runs BMC " + (manager.GetString("FirmwareVersion") ?? "unknown") + ".";
                }
                catch (EscFirmwareException unreadable)
                {
                    return "The BMC's state could not be read (" + unreadable.Message + "); it may be rebooting.";
                }
                catch (OperationCanceledException)
                {
                    return "The BMC did not answer within " + bound.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " s; it may be rebooting.";
                }
                finally
                {
                    if (own != null) await own.CloseAsync().ConfigureAwait(false);
                }
            }
        }
    }
}
