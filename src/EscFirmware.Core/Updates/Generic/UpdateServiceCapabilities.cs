using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using EscFirmware.Core.Redfish;

namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>What a DMTF UpdateService offers for pushing an image (spec redfish-update 3), read from the resource itself.</summary>
    public sealed class UpdateServiceCapabilities
    {
        public string? MultipartHttpPushUri { get; private set; }
        public string? HttpPushUri { get; private set; }
        /// <summary><c>HttpPushUriOptionsBusy</c>: another client holds the push settings.</summary>
        public bool HttpPushBusy { get; private set; }
        /// <summary>The ApplyTime values the service lists (<c>HttpPushUriApplyTime.ApplyTime@Redfish.AllowableValues</c>); empty when it lists none.</summary>
        public IReadOnlyList<string> ApplyTimes { get; private set; } = new string[0];
        public long? MaxImageSizeBytes { get; private set; }
        /// <summary>The SimpleUpdate action's <c>target</c>, exactly as the service gives it (never built).</summary>
        public string? SimpleUpdateTarget { get; private set; }
        /// <summary>The transfer protocols SimpleUpdate lists; empty when it lists none.</summary>
        public IReadOnlyList<string> TransferProtocols { get; private set; } = new string[0];
        public string? FirmwareInventoryPath { get; private set; }

        public static UpdateServiceCapabilities From(RedfishResource updateService)
        {
            var capabilities = new UpdateServiceCapabilities
            {
                MultipartHttpPushUri = updateService.GetString("MultipartHttpPushUri"),
                HttpPushUri = updateService.GetString("HttpPushUri"),
                HttpPushBusy = updateService.At("HttpPushUriOptionsBusy") is JsonElement busy && busy.ValueKind == JsonValueKind.True,
                ApplyTimes = Strings(updateService.At("HttpPushUriOptions", "HttpPushUriApplyTime", "ApplyTime@Redfish.AllowableValues")),
                FirmwareInventoryPath = updateService.GetLink("FirmwareInventory"),
            };
            if (updateService.At("MaxImageSizeBytes") is JsonElement max && max.ValueKind == JsonValueKind.Number && max.TryGetInt64(out var bytes)) capabilities.MaxImageSizeBytes = bytes;
            if (updateService.At("Actions", "#UpdateService.SimpleUpdate") is JsonElement simple)
            {
                capabilities.SimpleUpdateTarget = RedfishResource.GetStringAt(simple, "target");
                capabilities.TransferProtocols = Strings(simple.TryGetProperty("TransferProtocol@Redfish.AllowableValues", out var protocols) ? protocols : (JsonElement?)null);
            }
            return capabilities;
        }

        private static IReadOnlyList<string> Strings(JsonElement? array) =>
            array is JsonElement a && a.ValueKind == JsonValueKind.Array
                ? a.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
                : new string[0];
    }
}
