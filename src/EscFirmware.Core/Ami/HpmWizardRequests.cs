using System.Globalization;
using System.Text.Json;

namespace EscFirmware.Core.Ami
{
    /// <summary>
    /// The HPM wizard's requests as the ASUS gen13 BMC takes them (spec a.3): paths, JSON bodies with integer values, and
    /// the PROGRESS field of its status answers. The BIOS update, Get-EscBmcState and Exit-EscUpdateMode all send these.
    /// </summary>
    internal static class HpmWizardRequests
    {
        public const string MaintenancePath = "/api/maintenance";
        public const string HpmPath = MaintenancePath + "/hpm/";

        public static string UpgradeStatusPath(int fwUpdateId, int componentId) =>
            HpmPath + "upgradestatus?COMPONENT_ID=" + Number(componentId) + "&FWUPDATEID=" + Number(fwUpdateId);

        public static string VerifyStatusPath(int componentId) => HpmPath + "verifyimagestatus?COMPONENT_ID=" + Number(componentId);

        /// <summary><c>hpm/flash</c>: starts the SPI write (SECTION_FLASH 0, as the validated ASUS client sends it).</summary>
        public static (string Path, object Body) Flash(int fwUpdateId, int componentId, long length) =>
            (HpmPath + "flash", new { COMPONENT_ID = componentId, COMPONENT_DATA_LEN = length, FWUPDATEID = fwUpdateId, SECTION_FLASH = 0 });

        public static (string Path, object Body) Verify(int fwUpdateId, int componentId, long length) =>
            (HpmPath + "verifyimage", new { COMPONENT_ID = componentId, COMPONENT_DATA_LEN = length, FWUPDATEID = fwUpdateId });

        public static (string Path, object Body) Activate(int fwUpdateId, int componentId) =>
            (HpmPath + "activatecomponents", new { FWUPDATEID = fwUpdateId, COMPONENT_ID = componentId });

        /// <summary><c>hpm/exitupdatemode</c>: accepted from any session that knows the FWUPDATEID (spec b.4).</summary>
        public static (string Path, object Body) ExitUpdateMode(int fwUpdateId) => (HpmPath + "exitupdatemode", new { FWUPDATEID = fwUpdateId });

        /// <summary>PROGRESS of an <c>upgradestatus</c> or <c>verifyimagestatus</c> answer; null when it has none.</summary>
        public static int? Progress(JsonElement status) =>
            status.ValueKind == JsonValueKind.Object && status.TryGetProperty("PROGRESS", out var progress)
            && progress.ValueKind == JsonValueKind.Number && progress.TryGetInt32(out var value)
                ? value
                : (int?)null;

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
