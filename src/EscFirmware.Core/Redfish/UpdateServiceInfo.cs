using System.Collections.Generic;
using System.Text.Json;

namespace EscFirmware.Core.Redfish
{
    /// <summary>
    /// The UpdateService as an AMI BMC shows it. <c>Oem.AMIUpdateService</c> carries FlashPercentage, UpdateStatus and
    /// UpdateTarget flat on older and ASUS builds, or under <c>UpdateInformation</c> on newer ones: both are read.
    /// </summary>
    public sealed class UpdateServiceInfo
    {
        public string Path { get; private set; } = string.Empty;
        public string? ETag { get; private set; }
        public string? MultipartHttpPushUri { get; private set; }
        public long? MaxImageSizeBytes { get; private set; }
        public string? FirmwareInventoryPath { get; private set; }
        public string? ActiveBmcImage { get; private set; }
        public string? BmcImage1Version { get; private set; }
        public string? BmcImage2Version { get; private set; }
        public string? UpdateStatus { get; private set; }
        public string? FlashPercentage { get; private set; }
        public string? UpdateTarget { get; private set; }
        public bool HasNestedUpdateInformation { get; private set; }

        /// <summary>The preserve-configuration flags exactly as the BMC lists them (key → preserve).</summary>
        public IReadOnlyDictionary<string, bool> PreserveConfiguration { get; private set; } = new Dictionary<string, bool>();

        public static UpdateServiceInfo From(RedfishResource resource)
        {
            var info = new UpdateServiceInfo
            {
                Path = resource.Path,
                ETag = resource.ETag,
                MultipartHttpPushUri = resource.GetString("MultipartHttpPushUri"),
                FirmwareInventoryPath = resource.GetLink("FirmwareInventory"),
            };
            if (resource.At("MaxImageSizeBytes") is JsonElement max && max.ValueKind == JsonValueKind.Number && max.TryGetInt64(out var bytes)) info.MaxImageSizeBytes = bytes;

            if (resource.At("Oem", "BMC", "DualImageConfigurations") is JsonElement dual)
            {
                info.ActiveBmcImage = RedfishResource.GetStringAt(dual, "ActiveImage");
                info.BmcImage1Version = RedfishResource.GetStringAt(dual, "FirmwareImage1Version");
                info.BmcImage2Version = RedfishResource.GetStringAt(dual, "FirmwareImage2Version");
            }

            if (resource.At("Oem", "AMIUpdateService") is JsonElement ami)
            {
                var status = ami;
                if (ami.TryGetProperty("UpdateInformation", out var nested) && nested.ValueKind == JsonValueKind.Object)
                {
                    status = nested;
                    info.HasNestedUpdateInformation = true;
                }
                info.UpdateStatus = RedfishResource.GetStringAt(status, "UpdateStatus");
                info.FlashPercentage = RedfishResource.GetStringAt(status, "FlashPercentage");
                info.UpdateTarget = RedfishResource.GetStringAt(status, "UpdateTarget");
                info.PreserveConfiguration = ReadFlags(ami);
            }
            return info;
        }

        private static IReadOnlyDictionary<string, bool> ReadFlags(JsonElement ami)
        {
            var flags = new Dictionary<string, bool>();
            if (ami.TryGetProperty("PreserveConfiguration", out var preserve) && preserve.ValueKind == JsonValueKind.Object)
            {
                foreach (var flag in preserve.EnumerateObject())
                {
                    if (flag.Value.ValueKind == JsonValueKind.True || flag.Value.ValueKind == JsonValueKind.False)
                    {
                        flags[flag.Name] = flag.Value.GetBoolean();
                    }
                }
            }
            return flags;
        }
    }
}
