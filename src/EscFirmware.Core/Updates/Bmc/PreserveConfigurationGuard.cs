using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Sessions;
using RestSharp;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>
    /// Sets every PreserveConfiguration flag the BMC lists to true (only those keys: builds reject unknown ones) with
    /// the UpdateService's ETag, then reads them back. On ESC8000-E12P they default to false, and a flash without them
    /// resets the BMC's network and users (spec a.6, b.1 step 3).
    /// </summary>
    public static class PreserveConfigurationGuard
    {
        public static async Task<UpdateServiceInfo> EnsureAllPreservedAsync(RedfishSession session, string updateServicePath, CancellationToken cancellationToken)
        {
            var host = session.Connection.Target.DisplayName;
            var service = await RedfishDiscovery.ReadUpdateServiceAsync(session, updateServicePath, cancellationToken).ConfigureAwait(false);
            if (service.PreserveConfiguration.Values.All(v => v)) return service;

            var flags = service.PreserveConfiguration.Keys.ToDictionary(k => k, _ => true);
            var body = JsonSerializer.Serialize(new { Oem = new { AMIUpdateService = new { PreserveConfiguration = flags } } });
            var patch = new RestRequest(updateServicePath, Method.Patch)
                .AddHeader("If-Match", service.ETag ?? "*")
                .AddStringBody(body, ContentType.Json);
            await session.SendAsync(patch, "PATCH " + updateServicePath + " (preserve configuration)", cancellationToken).ConfigureAwait(false);

            var after = await RedfishDiscovery.ReadUpdateServiceAsync(session, updateServicePath, cancellationToken).ConfigureAwait(false);
            var stillFalse = after.PreserveConfiguration.Where(p => !p.Value).Select(p => p.Key).ToList();
            var missing = flags.Keys.Where(k => !after.PreserveConfiguration.ContainsKey(k)).ToList();
            if (stillFalse.Count > 0 || missing.Count > 0)
            {
                throw new EscFirmwareException("EscBmcPreserveConfigurationNotSet", ErrorKind.InvalidOperation,
                    host + ": the BMC did not keep the preserve-configuration flags (" + string.Join(", ", stillFalse.Concat(missing)) + " not true after the PATCH); nothing was uploaded.",
                    recommendedAction: "Set them in the BMC web interface (Maintenance > Preserve Configuration), then run the update again.");
            }
            return after;
        }
    }
}
