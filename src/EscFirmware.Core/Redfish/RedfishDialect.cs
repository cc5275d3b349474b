using System;
using System.Text.Json;

namespace EscFirmware.Core.Redfish
{
    /// <summary>Which Redfish a BMC speaks: decides which update path applies and what the reports say it found.</summary>
    public enum RedfishDialect
    {
        /// <summary>A DMTF Redfish service with no OEM extension this tool knows (OpenBMC, Dell, Lenovo, Supermicro, …).</summary>
        GenericDmtf,
        /// <summary>AMI MegaRAC SP-X as on ASUS ESC servers: <c>Oem.AMIUpdateService</c> and the HPM-wizard web API.</summary>
        AmiAsus,
        /// <summary>HPE iLO: <c>Oem.Hpe</c> with the iLO repository, task queue, install sets and maintenance windows.</summary>
        HpeIlo,
    }

    /// <summary>Tells the dialect from resources discovery reads anyway (the UpdateService and the Manager): no extra request.</summary>
    public static class RedfishDialects
    {
        public static RedfishDialect Detect(RedfishResource? updateService, RedfishResource? manager)
        {
            if (updateService?.At("Oem", "AMIUpdateService") != null || updateService?.At("Oem", "BMC", "DualImageConfigurations") != null
                || Contains(manager, "Manufacturer", "American Megatrends"))
            {
                return RedfishDialect.AmiAsus;
            }
            if (updateService?.At("Oem", "Hpe") is JsonElement hpe && hpe.ValueKind == JsonValueKind.Object
                || Contains(manager, "Model", "iLO") || Contains(manager, "Manufacturer", "HPE"))
            {
                return RedfishDialect.HpeIlo;
            }
            return RedfishDialect.GenericDmtf;
        }

        /// <summary>The name reports use: "AMI/ASUS", "HPE iLO", "DMTF".</summary>
        public static string DisplayName(RedfishDialect dialect) =>
            dialect == RedfishDialect.AmiAsus ? "AMI/ASUS" : dialect == RedfishDialect.HpeIlo ? "HPE iLO" : "DMTF";

        private static bool Contains(RedfishResource? resource, string property, string text) =>
            resource?.GetString(property) is string value && value.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
