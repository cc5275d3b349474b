using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using RestSharp;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>Host power as the BMC reports it (Redfish <c>PowerState</c>, web <c>power_status</c>) and the Redfish
    /// <c>ComputerSystem.Reset</c> actions of a BIOS update.</summary>
    internal static class HostPower
    {
        public const string ChassisStatusPath = "/api/chassis-status";

        public static async Task<string?> RedfishPowerStateAsync(RedfishSession session, string systemPath, CancellationToken cancellationToken) =>
            (await RedfishDiscovery.ReadSystemAsync(session, systemPath, cancellationToken).ConfigureAwait(false)).GetString("PowerState");

        /// <summary>The web API's view: true when <c>power_status</c> is 0 (off). A missing field counts as on.</summary>
        public static async Task<bool> WebSaysOffAsync(AmiWebSession session, CancellationToken cancellationToken)
        {
            var status = await session.GetJsonAsync(ChassisStatusPath, cancellationToken).ConfigureAwait(false);
            return status.ValueKind == JsonValueKind.Object
                && status.TryGetProperty("power_status", out var power)
                && power.ValueKind == JsonValueKind.Number
                && power.GetInt32() == 0;
        }

        public static bool IsOff(string? powerState) => string.Equals(powerState, "Off", StringComparison.OrdinalIgnoreCase);

        public static Task ResetAsync(RedfishSession session, string resetTarget, string resetType, CancellationToken cancellationToken)
        {
            var request = new RestRequest(resetTarget, Method.Post).AddStringBody(JsonSerializer.Serialize(new { ResetType = resetType }), ContentType.Json);
            return session.SendAsync(request, "ComputerSystem.Reset " + resetType, cancellationToken);
        }

        /// <summary>GracefulShutdown, then polls until Redfish says Off; ForceOff once after <paramref name="forceOffAfter"/>.
        /// Throws EscHostShutdownTimeout when the host is still on at <paramref name="timeout"/>.</summary>
        public static async Task ShutDownAsync(RedfishSession session, BmcInventory inventory, BiosUpdateSettings settings,
            IOperationSink sink, CancellationToken cancellationToken)
        {
            var host = session.Connection.Target.DisplayName;
            var target = ResetTarget(inventory, host);
            await ResetAsync(session, target, "GracefulShutdown", cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            var forcedOff = false;
            while (true)
            {
                if (IsOff(await RedfishPowerStateAsync(session, inventory.SystemPath, cancellationToken).ConfigureAwait(false))) return;
                if (clock.Elapsed >= settings.ShutdownTimeout)
                {
                    throw ShutdownTimeout(host, settings.ShutdownTimeout, forcedOff);
                }
                if (!forcedOff && settings.ForceOffAfter is TimeSpan after && clock.Elapsed >= after)
                {
                    sink.WriteWarning(host + ": the host is still on " + Seconds(after) + Phrase.Of($" s after GracefulShutdown; forcing it off ({EscParameter.ForceOffAfterSec}).").ToString());
                    await ResetAsync(session, target, "ForceOff", cancellationToken).ConfigureAwait(false);
                    forcedOff = true;
                    continue;
                }
                await Task.Delay(settings.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        public static string ResetTarget(BmcInventory inventory, string host) =>
            inventory.SystemResetTarget ?? throw ResetUnavailable(host);

        private static EscFirmwareException ShutdownTimeout(string host, TimeSpan limit, bool forcedOff) =>
            new EscFirmwareException("EscHostShutdownTimeout", ErrorKind.OperationTimeout,
                host + ": the host did not power off within " + Seconds(limit) + " s of GracefulShutdown" + (forcedOff ? " and ForceOff" : string.Empty) + "; the BIOS was not touched.",
                recommendedAction: Phrase.Of($"Shut the operating system down yourself, or pass {EscParameter.ForceOffAfterSec} to force the power off."));

        private static EscFirmwareException ResetUnavailable(string host) =>
            new EscFirmwareException("EscHostResetUnavailable", ErrorKind.NotImplemented,
                host + ": the BMC's ComputerSystem has no Reset action, so the host cannot be powered off or on through it.",
                recommendedAction: Phrase.Of($"Power the host off (or on) yourself, then run the update again without {EscParameter.ShutdownHost} / {EscParameter.PowerOn}."));

        public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
    }
}
